import HeapModule

/// edgesched's scheduling core: a pure state machine. It is handed the time
/// with every event and returns decisions; it starts no thread, reads no
/// clock and does no I/O, so the agent and the simulator run the same code.
///
/// Rules:
/// - **Submit.** Refused `shutting_down` unless running (``lifecycle``), `queue_full` when its
///   class has `maxQueue` tasks queued, `model_unavailable` when no allowed
///   domain has a variant it accepts. Otherwise, per candidate domain, the
///   predicted completion is now + (estimated work of the running tasks +
///   work ahead of it under the dispatch rule) / workers + two standard
///   deviations of that wait (the queued services' spread and the strict
///   tasks that may arrive meanwhile) + its own service time (its estimate
///   plus two standard deviations); the wait is
///   ``predictedWait(ofClass:in:now:)``. If no domain meets the deadline
///   with the cheapest variant the task accepts, it is refused
///   `would_miss_deadline`; else it joins the domain with the earliest
///   predicted completion of the variant it would run now.
/// - **Shedding.** A domain is past capacity while its non-sheddable
///   weighted work would wait more than half the shortest such timeout
///   (watermarks `overload`, as fractions of that timeout): on entering, its
///   queued tasks of sheddable classes are shed (`overload`, lowest weight
///   first); meanwhile new ones are refused `overload` and sheddable classes
///   get no worker time there.
/// - **Dispatch** (a free worker of a domain asks). Strict classes first,
///   the one whose head has the earliest deadline; else among backlogged
///   weighted classes the smallest start tag of start-time fair queuing,
///   where each dispatched task charges its estimated service time / weight,
///   so backlogged classes share worker time in proportion to their weights.
///   Within a class, earliest deadline first, then first come first served.
///   With nothing queued, the worker steals the head of another domain's
///   class queue (busiest domain first) if it would run the task: its
///   variant choice (below) in its own domain runs it rather than answering
///   it; a task the thief would refuse stays queued at home.
/// - **Variant.** The preferred rung, or the rung the domain's downgrade
///   signals set (pressure for weighted classes; thermal and memory for
///   all), skipping rungs not loaded in the domain or whose circuit breaker is
///   open; then the first rung from there that finishes by the deadline
///   with its estimate plus two standard deviations (`downgrade: deadline`
///   if that is a cheaper one). If none can, the task
///   is answered `deadline_exceeded` without running. A pinned task
///   (``TaskRequest/pinnedVariant``) accepts its pin alone, everywhere
///   above: no signal or deadline moves it to another rung.
/// - **Outcome.** Every submitted task gets exactly one ``TaskOutcome``, from
///   `submit`, `next`, `complete`, `cancel`, `expire` or `stop`.
public struct Scheduler: SchedulingPolicy, Sendable {
    /// What the scheduler was started with.
    public let configuration: SchedulerConfiguration
    /// Counts and distributions of every task seen.
    public internal(set) var statistics: SchedulerStatistics
    var domains: [DomainState]
    var estimator: ServiceEstimator
    var tasks: [TaskID: TaskRecord] = [:]
    var queuedPerClass: [Int]
    var nextSequence: UInt64 = 0
    /// Running, draining or stopped; see ``SchedulerLifecycle``.
    public internal(set) var lifecycle = SchedulerLifecycle.running
    /// Each class's weight, kind, limit and timeout, by ``ClassID``.
    let rules: [ClassRules]
    /// Classes by kind, in configuration order.
    let strictClasses: [Int]
    let weightedClasses: [Int]
    /// The deepest ladder, the most rungs a signal can step down.
    let maxLevel: Int
    /// The non-sheddable weighted class whose wait decides overload (the one
    /// with the shortest timeout, lowest weight on ties) and that timeout in
    /// nanoseconds; nil when there is none with a timeout.
    let overloadReference: (classIndex: Int, timeout: Double)?

    /// What the scheduler keeps of a task between submit and outcome.
    struct TaskRecord: Sendable {
        enum State: Sendable {
            /// Charged to its queue at `chargedRung`'s current estimate
            /// (``Scheduler/updateEstimate(model:rung:domain:_:)``).
            case queued(domain: Int, sequence: UInt64, chargedRung: Int)
            case running(domain: Int, rung: Int, downgrade: DowngradeReason?, started: Instant)
        }

        var request: TaskRequest
        var arrival: Instant
        /// Nanoseconds; `Int64.max` for none.
        var deadline: Int64
        /// The rungs it accepts, richest first: its pin alone, else from
        /// the preferred one to the cheapest it accepts.
        var rungs: ClosedRange<Int>
        var state: State

        var deadlineInstant: Instant? {
            deadline == .max ? nil : Instant(nanoseconds: deadline)
        }
    }

    /// A scheduler for a valid configuration; refuses one with problems, listing them all.
    public init(configuration: SchedulerConfiguration) throws(SchedulingError) {
        try configuration.validate()
        self.configuration = configuration
        let rungs = configuration.models.map(\.variants.count)
        domains = configuration.workersPerDomain.map {
            DomainState(
                workers: $0, classCount: configuration.classes.count, rungsPerModel: rungs, configuration: configuration
            )
        }
        rules = configuration.classes.map(ClassRules.init)
        estimator = ServiceEstimator(
            models: configuration.models,
            domainCount: configuration.workersPerDomain.count,
            weight: configuration.estimatorWeight
        )
        queuedPerClass = Array(repeating: 0, count: configuration.classes.count)
        strictClasses = configuration.classes.indices.filter { configuration.classes[$0].strict }
        weightedClasses = configuration.classes.indices.filter { !configuration.classes[$0].strict }
        maxLevel = max(0, (rungs.max() ?? 1) - 1)
        overloadReference = weightedClasses.compactMap { index -> (classIndex: Int, timeout: Double)? in
            let priorityClass = configuration.classes[index]
            guard !priorityClass.sheddable, let timeout = priorityClass.defaultTimeout else { return nil }
            return (index, Double(timeout.nanoseconds))
        }.min {
            ($0.timeout, configuration.classes[$0.classIndex].weight) < (
                $1.timeout, configuration.classes[$1.classIndex].weight
            )
        }
        statistics = SchedulerStatistics(
            classCount: configuration.classes.count, modelCount: configuration.models.count,
            domainCount: configuration.workersPerDomain.count)
    }

    /// Records the one outcome of a task, which is no longer in `tasks`.
    mutating func finish(
        _ record: TaskRecord,
        _ result: TaskOutcome.Result,
        now: Instant,
        started: Instant? = nil,
        domain: Int? = nil
    ) -> TaskOutcome {
        let outcome = TaskOutcome(
            record.request, result, arrival: record.arrival, deadline: record.deadlineInstant, finished: now,
            started: started, domain: domain.map { DomainID($0) })
        statistics.record(outcome)
        return outcome
    }
}
