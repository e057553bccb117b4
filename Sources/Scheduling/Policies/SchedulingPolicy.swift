/// A scheduler as the agent and the simulator drive it: tasks come in with
/// `submit`, free workers ask `next`, runtimes report `complete`. Every
/// submitted task gets exactly one ``TaskOutcome`` from one of these calls.
///
/// ``Scheduler`` is edgesched's; ``BaselinePolicy`` (FIFO or strict
/// priority) is what a user would otherwise have, for the simulator.
public protocol SchedulingPolicy {
    /// Counts and time distributions of every task seen so far.
    var statistics: SchedulerStatistics { get }
    /// Admits `request` into a domain's queue, or refuses it; throws for a
    /// request naming what the configuration does not have.
    mutating func submit(_ request: TaskRequest, now: Instant) throws(SchedulingError) -> SubmitDecision
    /// The next task for a free worker of `domain`; throws for a domain the
    /// configuration does not have.
    mutating func next(domain: DomainID, now: Instant) throws(SchedulingError) -> DispatchDecision
    /// Records the end of a running task; `succeeded` false is a runtime error.
    mutating func complete(_ task: TaskID, now: Instant, succeeded: Bool) -> TaskOutcome
    /// Withdraws a queued task (`cancelled`); nil if it is not queued.
    mutating func cancel(_ task: TaskID, now: Instant) -> TaskOutcome?
    /// Running, draining or stopped.
    var lifecycle: SchedulerLifecycle { get }
    /// Nothing queued and nothing running.
    var isIdle: Bool { get }
    /// Tasks queued, all domains and classes.
    var queuedCount: Int { get }
    /// running → draining: refuses new tasks `shutting_down`, still
    /// dispatches the queued ones.
    mutating func beginDraining()
    /// → stopped: answers every queued task `shutting_down` and refuses new
    /// ones; running tasks still complete.
    mutating func stop(now: Instant) -> [TaskOutcome]
}
