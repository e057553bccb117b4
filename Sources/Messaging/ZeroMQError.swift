/// A failed libzmq call (or a value this module refused before making one), naming the function, what it was
/// called on and the error number, so a log line alone says what went wrong:
/// `zmq_bind(tcp://127.0.0.1:5555): Address already in use (EADDRINUSE)`.
///
/// Would-block (`EAGAIN`) on a non-blocking send or receive is never thrown: it comes back as a value
/// (``SendResult/wouldBlock``, a `nil` receive), because for a server it is a normal outcome to count, not a failure.
public struct ZeroMQError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed (`zmq_bind`), or the initializer of ours that refused a value.
    public let function: String
    /// What the call was about: an endpoint, an option name, a routing id; empty when nothing more is known.
    public let subject: String
    /// The error number libzmq reported (an `errno` value or one of libzmq's own, such as `ETERM`).
    public let code: Code

    /// Makes an error for `function` called on `subject` that failed with `code`.
    public init(function: String, subject: String = "", code: Code) {
        self.function = function
        self.subject = subject
        self.code = code
    }

    /// `function(subject): message (NAME)`, the message from `zmq_strerror`.
    public var description: String {
        let call = subject.isEmpty ? function : "\(function)(\(subject))"
        return "\(call): \(code.message) (\(code.name))"
    }
}
