/// A scheduler as the agent and the simulator drive it: tasks come in with
/// `submit`, free workers ask `next`, runtimes report `complete`. Every
/// submitted task gets exactly one ``TaskOutcome`` from one of these calls.
///
/// ``Scheduler`` is edgesched's; ``FIFOPolicy`` and ``StrictPriorityPolicy``
/// are the baselines a user would otherwise have, for the simulator.
public protocol SchedulingPolicy {
    /// Counts and time distributions of every task seen so far.
    var statistics: SchedulerStatistics { get }
    /// Admits `request` into a domain's queue, or refuses it.
    mutating func submit(_ request: TaskRequest, now: Instant) -> SubmitDecision
    /// The next task for a free worker of `domain`.
    mutating func next(domain: Int, now: Instant) -> DispatchDecision
    /// Records the end of a running task; `succeeded` false is a runtime error.
    mutating func complete(_ task: TaskID, now: Instant, succeeded: Bool) -> TaskOutcome
    /// Withdraws a queued task (`cancelled`); nil if it is not queued.
    mutating func cancel(_ task: TaskID, now: Instant) -> TaskOutcome?
    /// Stops admitting: answers every queued task `shutting_down`; running
    /// tasks still complete.
    mutating func drain(now: Instant) -> [TaskOutcome]
}
