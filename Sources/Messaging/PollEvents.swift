import CZeroMQ

/// What a ``Poller`` waits for on a socket or file descriptor, and what it found.
public struct PollEvents: OptionSet, Sendable, Hashable {
    /// libzmq's `ZMQ_POLLIN`/`ZMQ_POLLOUT`/`ZMQ_POLLERR` bits.
    public let rawValue: Int16

    /// Wraps libzmq's bits.
    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// A whole message can be received (a socket) or a read will not block (a file descriptor).
    public static let readable = PollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// A message can be sent without blocking: wait for it after a ``SendResult/wouldBlock``.
    public static let writable = PollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// The file descriptor has an error condition (never reported for ZeroMQ sockets).
    public static let error = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}
