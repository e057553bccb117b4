/// Why the ZeroMQ ingress dropped a message instead of answering it.
public enum ZeroMQDrop: String, CaseIterable, Sendable {
    /// Frames that are not the protocol at all (no `es` magic): there is no
    /// request id to answer.
    case undecodable
    /// A reply the ROUTER could not route: its peer is gone, or the peer's
    /// pipe is full (it sends and never reads).
    case unroutable
}
