/// Why the scheduler refused a configuration or a call: what the caller
/// handed it names something that does not exist or a value out of range.
/// A scheduling decision (queue full, deadline) is never an error: it is a
/// refusal in the task's ``TaskOutcome``.
public struct SchedulingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was refused.
    public enum Kind: Hashable, Sendable {
        /// The configuration has problems; every one is listed.
        case invalidConfiguration
        /// A submitted request names a class, model, variant or domain the
        /// configuration does not have; the task was not submitted.
        case invalidRequest(TaskID)
        /// A call names a domain, model or variant the configuration does not
        /// have, or hands an estimate out of range.
        case invalidArgument
    }

    /// What was refused.
    public var kind: Kind
    /// Each problem, naming the key and the value.
    public var problems: [String]

    /// An error of `kind` with its problems.
    public init(_ kind: Kind, _ problems: [String]) {
        self.kind = kind
        self.problems = problems
    }

    /// Every problem on one line, after what was refused.
    public var description: String {
        let joined = problems.joined(separator: "; ")
        switch kind {
        case .invalidConfiguration: return "scheduler configuration: " + joined
        case .invalidRequest(let task): return "\(task): " + joined
        case .invalidArgument: return joined
        }
    }
}
