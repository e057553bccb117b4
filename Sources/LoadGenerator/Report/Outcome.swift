package import NIOCore

/// What became of one request: exactly one per request sent.
package enum Outcome: Hashable, Sendable {
    /// HTTP 200, after `latency` microseconds from the intended send time.
    case answered(latency: UInt64)
    /// HTTP 504: admitted, then answered `deadline_exceeded`.
    case deadlineExceeded
    /// HTTP 429 or 503: refused for `reason`.
    case refused(reason: String)
    /// Any other status (`http_400`), `connection_error`, or `no_answer`.
    case failed(kind: String)

    /// The error kind of a request that got no answer by the end of the drain.
    package static let noAnswer = "no_answer"
    /// The error kind of a request whose connection failed or closed before its answer.
    package static let connectionError = "connection_error"

    /// The outcome of an HTTP answer with `status` and `body`, `latency` µs after the intended send time.
    package static func classify(status: Int, body: ByteBuffer, latency: UInt64) -> Outcome {
        switch status {
        case 200: .answered(latency: latency)
        case 504: .deadlineExceeded
        case 429, 503: .refused(reason: RefusalReason.read(from: body) ?? "http_\(status)")
        default: .failed(kind: "http_\(status)")
        }
    }
}
