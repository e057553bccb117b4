import GRPCCore
import Scheduling

/// Every error the gRPC ingress answers with, as a status code in this one
/// place; the message starts with the machine-readable reason (as HTTP's
/// `reason` field), which the `edgesched-reason` trailer also carries.
enum GRPCStatusMapping {
    static func code(for kind: AgentError.Kind) -> RPCError.Code {
        switch kind {
        case .badRequest, .unsupportedMediaType: .invalidArgument
        case .unknownModel: .notFound
        case .bodyTooLarge, .inFlightLimit: .resourceExhausted
        case .startFailed: .internalError
        case .refused(let reason):
            switch reason {
            case .queueFull, .overload, .wouldMissDeadline: .resourceExhausted
            case .deadlineExceeded: .deadlineExceeded
            case .shuttingDown, .modelUnavailable: .unavailable
            case .runtimeError: .internalError
            case .cancelled: .cancelled
            }
        }
    }

    /// The gRPC error for `error`.
    static func error(_ error: AgentError) -> RPCError {
        RPCError(
            code: code(for: error.kind), message: text(error), metadata: ["edgesched-reason": .string(error.reason)])
    }

    /// The reason and the sentence, as the message (and a stream's `error_message`) reads.
    static func text(_ error: AgentError) -> String {
        "\(error.reason): \(error.message)"
    }
}
