import CZeroMQ
import Glibc

extension ZeroMQError {
    /// An error number with its C name, so callers compare against the cases a server handles
    /// (`.hostUnreachable` for a peer that is gone) instead of raw `errno` values.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The error number as libzmq returned it from `zmq_errno()`.
        public let rawValue: Int32

        /// Wraps an error number.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// `EAGAIN`: a non-blocking call would block, or a send/receive timeout elapsed.
        public static let wouldBlock = Code(rawValue: EAGAIN)
        /// `EINTR`: a signal interrupted the call; the call helper retries it, so callers never see it.
        public static let interrupted = Code(rawValue: EINTR)
        /// `EHOSTUNREACH`: a ROUTER with `ZMQ_ROUTER_MANDATORY` has no peer with that routing id.
        public static let hostUnreachable = Code(rawValue: EHOSTUNREACH)
        /// `EADDRINUSE`: another socket already listens on the endpoint.
        public static let addressInUse = Code(rawValue: EADDRINUSE)
        /// `EINVAL`: an argument (endpoint, option value, key) is not valid.
        public static let invalidArgument = Code(rawValue: EINVAL)
        /// `ETERM`: the socket's context is being terminated.
        public static let contextTerminated = Code(rawValue: ETERM)
        /// `EFSM`: the socket is in the wrong state for the call (a REQ sending twice).
        public static let wrongState = Code(rawValue: EFSM)

        /// The C macro's name (`EHOSTUNREACH`), or `errno N` for one not listed.
        public var name: String {
            Self.names[rawValue] ?? "errno \(rawValue)"
        }

        /// libzmq's text for the number, which also covers libzmq's own numbers (`ETERM`).
        public var message: String {
            guard let text = zmq_strerror(rawValue) else { return "unknown error" }
            return String(cString: text)
        }

        /// The numbers libzmq documents for its calls, by name.
        private static let names: [Int32: String] = [
            EAGAIN: "EAGAIN", EINTR: "EINTR", EHOSTUNREACH: "EHOSTUNREACH", EADDRINUSE: "EADDRINUSE",
            EADDRNOTAVAIL: "EADDRNOTAVAIL", EINVAL: "EINVAL", ENODEV: "ENODEV", ENOENT: "ENOENT",
            EPROTONOSUPPORT: "EPROTONOSUPPORT", ENOTSUP: "ENOTSUP", ENOTSOCK: "ENOTSOCK", EFAULT: "EFAULT",
            ENOMEM: "ENOMEM", EMFILE: "EMFILE", EACCES: "EACCES", ECONNREFUSED: "ECONNREFUSED",
            EMSGSIZE: "EMSGSIZE", ENOBUFS: "ENOBUFS", ENOTCONN: "ENOTCONN", EBADF: "EBADF",
            ETERM: "ETERM", EFSM: "EFSM", ENOCOMPATPROTO: "ENOCOMPATPROTO", EMTHREAD: "EMTHREAD",
        ]
    }
}
