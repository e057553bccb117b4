/// A scheduler as the agent and the simulator drive it: tasks come in with
/// `submit`, free workers ask `next`, runtimes report `complete`. Every
/// submitted task gets exactly one ``TaskOutcome`` from one of these calls.
///
/// ``Scheduler`` is edgesched's; ``BaselinePolicy`` (FIFO, strict priority,
/// or priority levels with queue timeouts) is what a user would otherwise
/// have, for the simulator and, as `queue-timeout`, for the agent.
public protocol SchedulingPolicy: Sendable {
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
    /// The earliest instant at which ``expire(now:)`` would answer a queued
    /// task; nil when none will be. The agent arms its deadline timer for it.
    var nextExpiry: Instant? { get }
    /// Answers `deadline_exceeded`, without running them, the queued tasks
    /// whose time is up by `now`.
    mutating func expire(now: Instant) -> [TaskOutcome]
    /// Loads (with a first service-time estimate) or unloads (nil) a variant
    /// in a domain; throws for a model, variant or domain the configuration
    /// does not have, or an estimate that is not a service time.
    mutating func setVariant(
        model: ModelID, variant: VariantID, domain: DomainID, loadedWithEstimate estimate: Duration?
    ) throws(SchedulingError)
    /// The current service-time estimate of a loaded variant in a domain
    /// (the cluster's demand vector publishes it); nil if it is not loaded
    /// there; throws for a model, variant or domain the configuration does
    /// not have.
    func estimatedServiceTime(model: ModelID, variant: VariantID, domain: DomainID) throws(SchedulingError)
        -> Duration?
    /// A domain's package temperature, °C, from the agent's sensors (a
    /// downgrade signal; a policy without downgrades ignores it).
    mutating func updateTemperature(_ celsius: Double, domain: DomainID, now: Instant) throws(SchedulingError)
    /// Free memory on a domain's nodes, MiB (a downgrade signal; a policy
    /// without downgrades ignores it).
    mutating func updateFreeMemory(mebibytes: Double, domain: DomainID, now: Instant) throws(SchedulingError)
    /// How many rungs each downgrade signal steps a domain down now (all 0
    /// for a policy without downgrades), for the agent's metrics; throws for
    /// a domain the configuration does not have.
    func downgradeLevels(domain: DomainID) throws(SchedulingError) -> (pressure: Int, thermal: Int, memory: Int)
    /// Running, draining or stopped.
    var lifecycle: SchedulerLifecycle { get }
    /// Nothing queued and nothing running.
    var isIdle: Bool { get }
    /// Tasks queued, all domains and classes.
    var queuedCount: Int { get }
    /// Tasks queued in one domain; throws for a domain the configuration
    /// does not have.
    func queuedCount(domain: DomainID) throws(SchedulingError) -> Int
    /// running → draining: refuses new tasks `shutting_down`, still
    /// dispatches the queued ones.
    mutating func beginDraining()
    /// → stopped: answers every queued task `shutting_down` and refuses new
    /// ones; running tasks still complete.
    mutating func stop(now: Instant) -> [TaskOutcome]
}
