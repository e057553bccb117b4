import Messaging

/// What other threads hand the ZeroMQ ingress's socket thread.
enum ZeroMQOutgoing: Sendable {
    /// A reply to send: the peer's routing id, the frames after it (a
    /// delimiter first when the request had one), and the peer whose
    /// request it answers, for the in-flight count; nil frames: the reply
    /// could not be built (no memory for a frame), counted as unroutable.
    case reply(routingID: Message, frames: [Message]?, peer: PeerKey)
    /// Stop once everything handed over before has been sent.
    case stop
}
