package import NIOCore

/// What became of one request: exactly one per request sent.
package enum Outcome: Hashable, Sendable {
    /// HTTP 200, after `latency` microseconds from the intended send time, from `variant` (the answer's
    /// `model_version` over HTTP, the reply's variant over ZeroMQ; empty when the answer names none).
    case answered(latency: UInt64, variant: String)
    /// HTTP 504: admitted, then answered `deadline_exceeded`.
    case deadlineExceeded
    /// HTTP 429 or 503: refused for `reason`.
    case refused(reason: String)
    /// Any other status (`http_400`), `connection_error`, `bad_reply`, or `no_answer`.
    case failed(kind: String)

    /// The error kind of a request that got no answer by the end of the drain.
    package static let noAnswer = "no_answer"
    /// The error kind of a request whose connection failed or closed before its answer.
    package static let connectionError = "connection_error"
    /// The error kind of a request whose ZeroMQ reply does not follow docs/protocol.md.
    package static let badReply = "bad_reply"

    /// The outcome of an HTTP answer with `status` and `body`, `latency` µs after the intended send time.
    package static func classify(status: Int, body: ByteBuffer, latency: UInt64) -> Outcome {
        classify(
            status: status, reason: AnswerMember.reason(in: body), variant: AnswerMember.modelVersion(in: body),
            latency: latency)
    }

    /// The outcome of an answer with `status` (an HTTP status, or a ZeroMQ reply's, which is the same number),
    /// refusal `reason` (nil or empty: none given) and `variant` (nil or empty: none named), `latency` µs
    /// after the intended send time; `reason` is read only for a refusal, `variant` only for a 200.
    package static func classify(
        status: Int, reason: @autoclosure () -> String?, variant: @autoclosure () -> String?, latency: UInt64
    ) -> Outcome {
        switch status {
        case 200: .answered(latency: latency, variant: variant() ?? "")
        case 504: .deadlineExceeded
        case 429, 503: .refused(reason: reason().flatMap { $0.isEmpty ? nil : $0 } ?? "http_\(status)")
        default: .failed(kind: "http_\(status)")
        }
    }
}
