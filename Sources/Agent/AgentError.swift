public import Scheduling

/// Why the agent did not answer a request with outputs, or could not start:
/// the kind decides the HTTP status (in one place, ``HTTPStatusMapping``),
/// the message names the thing and the value.
public struct AgentError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The request is malformed or does not match the model's manifest.
        case badRequest
        /// No such model (or version) in the repository.
        case unknownModel
        /// The body is larger than the configured limit.
        case bodyTooLarge
        /// The body's content type is not one the route reads.
        case unsupportedMediaType
        /// As many requests as `limits.max_in_flight` are accepted and not yet answered.
        case inFlightLimit
        /// The scheduler refused the request, or it could not run.
        case refused(RefusalReason)
        /// The agent could not be built from its configuration.
        case startFailed
    }

    /// What went wrong.
    public var kind: Kind
    /// The sentence for the client or operator.
    public var message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The reasons of the errors an ingress answers before the scheduler
    /// sees the request, in the order of ``AgentMetrics``' rejection series.
    static let rejectionReasons = [
        "bad_request", "unknown_model", "body_too_large", "unsupported_media_type",
        "in_flight_limit",
    ]

    /// The machine-readable reason clients see in the error body.
    public var reason: String {
        switch kind {
        case .badRequest: "bad_request"
        case .unknownModel: "unknown_model"
        case .bodyTooLarge: "body_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .inFlightLimit: "in_flight_limit"
        case .refused(let reason): reason.rawValue
        case .startFailed: "start_failed"
        }
    }
}
