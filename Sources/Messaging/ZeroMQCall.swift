import CZeroMQ

/// The one way this module calls libzmq (and the eventfd beside it): every C call goes through ``perform``.
///
/// It reads `zmq_errno()` straight after a failed call, before anything else can overwrite it; retries `EINTR`,
/// so a signal delivered to the socket's thread never surfaces as an error; and throws a ``ZeroMQError`` naming
/// the function and its subject. libzmq's `zmq_errno()` is the calling thread's C `errno`, so the same helper
/// serves `read` and `write` on the eventfd.
enum ZeroMQCall {
    /// How a call that may legitimately find nothing to do ended.
    enum Outcome: Equatable {
        /// The call succeeded with this (non-negative) return value.
        case completed(Int32)
        /// The call failed with `EAGAIN`: nothing to receive, or no room to send, right now.
        case wouldBlock
    }

    /// Calls `body` (which returns the C call's result, `-1` on failure) until it does not fail with `EINTR`.
    ///
    /// - Parameters:
    ///   - function: the C function's name, for the error.
    ///   - subject: what the call is about (endpoint, option), built only on failure.
    ///   - wouldBlockIsOutcome: `true` for non-blocking sends and receives, whose `EAGAIN` is returned as
    ///     ``Outcome/wouldBlock``; otherwise `EAGAIN` is thrown like any other error.
    /// - Throws: ``ZeroMQError`` for every failure but `EINTR` (retried) and, when allowed, `EAGAIN`.
    static func perform(
        _ function: String,
        _ subject: @autoclosure () -> String = "",
        wouldBlockIsOutcome: Bool = false,
        _ body: () -> Int32
    ) throws(ZeroMQError) -> Outcome {
        while true {
            let result = body()
            if result >= 0 { return .completed(result) }
            let code = ZeroMQError.Code(rawValue: zmq_errno())
            if code == .interrupted { continue }
            if code == .wouldBlock && wouldBlockIsOutcome { return .wouldBlock }
            throw ZeroMQError(function: function, subject: subject(), code: code)
        }
    }

    /// ``perform`` for a call that cannot meaningfully would-block: returns the C result, throws every failure.
    @discardableResult
    static func check(
        _ function: String,
        _ subject: @autoclosure () -> String = "",
        _ body: () -> Int32
    ) throws(ZeroMQError) -> Int32 {
        switch try perform(function, subject(), body) {
        case .completed(let result): return result
        case .wouldBlock: preconditionFailure("\(function): EAGAIN is thrown unless wouldBlockIsOutcome")
        }
    }

    /// ``perform`` for a call that returns a new handle (`zmq_ctx_new`, `zmq_socket`), `NULL` on failure.
    static func handle(
        _ function: String,
        _ subject: @autoclosure () -> String = "",
        _ body: () -> UnsafeMutableRawPointer?
    ) throws(ZeroMQError) -> UnsafeMutableRawPointer {
        var created: UnsafeMutableRawPointer?
        try check(function, subject()) {
            created = body()
            return created == nil ? -1 : 0
        }
        guard let created else { preconditionFailure("\(function): NULL without an error") }
        return created
    }
}
