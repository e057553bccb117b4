public import HTTPTypes
import Scheduling

/// Every error the HTTP ingress answers with, mapped to its status in this
/// one place, with `Retry-After` where waiting helps.
enum HTTPStatusMapping {
    static func status(for kind: AgentError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .badRequest: .badRequest
        case .unknownModel: .notFound
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .inFlightLimit: .tooManyRequests
        case .startFailed: .internalServerError
        case .refused(let reason):
            switch reason {
            case .queueFull, .overload, .wouldMissDeadline: .tooManyRequests
            case .deadlineExceeded: .gatewayTimeout
            case .shuttingDown, .modelUnavailable: .serviceUnavailable
            case .runtimeError: .internalServerError
            case .cancelled: HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")
            }
        }
    }

    /// The status number, for protocols that carry the same answers
    /// without HTTP (docs/protocol.md).
    static func code(for kind: AgentError.Kind) -> Int {
        status(for: kind).code
    }

    /// Seconds a client should wait before retrying, for refusals that pass.
    static func retryAfter(for kind: AgentError.Kind) -> String? {
        switch kind {
        case .inFlightLimit, .refused(.queueFull), .refused(.overload), .refused(.wouldMissDeadline): "1"
        case .refused(.shuttingDown): "5"
        default: nil
        }
    }
}
