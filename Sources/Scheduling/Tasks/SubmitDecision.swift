/// What ``SchedulingPolicy/submit(_:now:)`` decided.
public struct SubmitDecision: Hashable, Sendable {
    /// The domain whose queue took the task; nil when it was refused.
    public var domain: DomainID?
    /// The task's outcome when it was refused at once, and the outcomes of
    /// queued tasks shed to make room for it.
    public var outcomes: [TaskOutcome]

    /// A decision from its parts.
    public init(domain: DomainID?, outcomes: [TaskOutcome]) {
        self.domain = domain
        self.outcomes = outcomes
    }
}
