import CZeroMQ

/// A ZeroMQ socket (`zmq_socket`), owned by one thread.
///
/// libzmq sockets are not thread-safe, so `Socket` is deliberately not `Sendable`: make it on the thread that
/// will use it (``Context`` is `Sendable`, so that thread can), and keep every call on that thread. Other
/// threads never touch it; they hand the owner work through a ``HandoffQueue``, which the owner waits on in the
/// same ``Poller`` as its sockets. Frames (``Message``) are `Sendable` and cross freely.
///
/// Sends and receives are non-blocking by default: a server's one thread must never stop for a slow peer, so a
/// full pipe is a ``SendResult/wouldBlock`` to count and nothing to receive is `nil`.
public final class Socket {
    /// The socket's pattern.
    public let type: SocketType
    let handle: UnsafeMutableRawPointer
    /// Held so that the context outlives the socket: `zmq_ctx_term` waits for every socket to close.
    private let context: Context

    /// Makes a socket of `type` in `context`, with ``SocketOption/linger(_:)`` zero so that closing it never
    /// waits for a peer that is gone.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_socket` (too many sockets: `EMFILE`; context ending: `ETERM`).
    public init(_ type: SocketType, in context: Context) throws(ZeroMQError) {
        self.type = type
        self.context = context
        handle = try ZeroMQCall.handle("zmq_socket", "\(type)") { zmq_socket(context.handle, type.rawValue) }
        try set(.linger(.zero))
    }

    deinit {
        // zmq_close fails only with ENOTSOCK, which a socket this class made is not.
        _ = try? ZeroMQCall.check("zmq_close", "\(type)") { zmq_close(handle) }
    }

    /// Listens on `endpoint` (`tcp://127.0.0.1:5555`, `tcp://127.0.0.1:*` for any free port,
    /// `ipc:///run/edgesched.sock`, `inproc://name`); ``lastEndpoint`` reads back the port chosen.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_bind` and the endpoint (`EADDRINUSE`, `EINVAL` for a malformed one).
    public func bind(_ endpoint: String) throws(ZeroMQError) {
        try ZeroMQCall.check("zmq_bind", endpoint) { zmq_bind(handle, endpoint) }
    }

    /// Connects to `endpoint`; libzmq connects (and reconnects) in the background, so this succeeds before any
    /// peer listens.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_connect` and the endpoint when it is malformed or unsupported.
    public func connect(_ endpoint: String) throws(ZeroMQError) {
        try ZeroMQCall.check("zmq_connect", endpoint) { zmq_connect(handle, endpoint) }
    }

    /// Stops listening on `endpoint` (as bound, or as ``lastEndpoint`` reported it for a wildcard port).
    public func unbind(_ endpoint: String) throws(ZeroMQError) {
        try ZeroMQCall.check("zmq_unbind", endpoint) { zmq_unbind(handle, endpoint) }
    }

    /// Drops the connection to `endpoint`.
    public func disconnect(_ endpoint: String) throws(ZeroMQError) {
        try ZeroMQCall.check("zmq_disconnect", endpoint) { zmq_disconnect(handle, endpoint) }
    }

    /// The endpoint last bound or connected (`ZMQ_LAST_ENDPOINT`), with the port libzmq chose for `*`:
    /// `tcp://127.0.0.1:41235`.
    public var lastEndpoint: String {
        get throws(ZeroMQError) {
            var buffer = [CChar](repeating: 0, count: 1024)
            var length = buffer.count
            try ZeroMQCall.check("zmq_getsockopt", "ZMQ_LAST_ENDPOINT") {
                zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &length)
            }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}

@available(*, unavailable, message: "a libzmq socket belongs to one thread; hand it work through a HandoffQueue")
extension Socket: Sendable {}
