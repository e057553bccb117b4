/// What a free worker of a domain should do, from
/// ``SchedulingPolicy/next(domain:now:)``.
public struct DispatchDecision: Hashable, Sendable {
    /// The task to run now, and on which variant; nil: nothing to run.
    public var assignment: Assignment?
    /// Tasks answered instead of run (deadline already out of reach).
    public var outcomes: [TaskOutcome]

    /// A decision from its parts.
    public init(assignment: Assignment?, outcomes: [TaskOutcome]) {
        self.assignment = assignment
        self.outcomes = outcomes
    }
}
