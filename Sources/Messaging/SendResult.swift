/// How a send ended when it did not fail: a server counts ``wouldBlock`` (the peer's pipe is at its high-water
/// mark, or no peer can take it) instead of waiting for it.
public enum SendResult: Sendable, Equatable {
    /// Every frame was queued for the peer.
    case sent
    /// Nothing was queued: the send would have blocked (`EAGAIN`), or the send timeout elapsed.
    case wouldBlock
}
