/// Counts and time distributions per class and per model: what metrics and
/// the demand vector publish, and what the simulator reports.
public struct SchedulerStatistics: Hashable, Sendable {
    /// The counts and distributions of one class or one model.
    public struct Counters: Hashable, Sendable {
        /// Submitted.
        public var offered = 0
        /// Queued (not refused at submit).
        public var admitted = 0
        /// Ran to the end.
        public var completed = 0
        /// Completed by the deadline (or without one).
        public var metDeadline = 0
        /// Completed, but after the deadline.
        public var missedDeadline = 0
        /// Completed on a cheaper variant, by reason.
        public var downgrades: [DowngradeReason: Int] = [:]
        /// Not completed, by reason.
        public var refusals: [RefusalReason: Int] = [:]
        /// Arrival to start, of tasks that ran.
        public var queueDelay = LatencyHistogram()
        /// Start to end, of tasks that ran.
        public var serviceTime = LatencyHistogram()
        /// Arrival to completion, of completed tasks.
        public var latency = LatencyHistogram()
        /// Worker time of every task that ran.
        public var workerTime: Duration = .zero
        /// Worker time of tasks that completed after their deadline.
        public var lateWorkerTime: Duration = .zero

        /// Outcomes recorded: completed plus refused.
        public var outcomes: Int { completed + refusals.values.reduce(0, +) }
        /// Completed on a cheaper variant, all reasons.
        public var downgraded: Int { downgrades.values.reduce(0, +) }
    }

    /// Per class, by ``ClassID``.
    public private(set) var classes: [Counters]
    /// Per model, by ``ModelID``.
    public private(set) var models: [Counters]
    /// Per model and class, `[model][class]`: the few counts a demand vector
    /// needs, without the histograms.
    public private(set) var demand: [[DemandCounts]]
    /// Worker time of the tasks each domain ran, by ``DomainID``.
    public private(set) var domainWorkerTime: [Duration]

    /// Empty statistics for that many classes, models and domains.
    public init(classCount: Int, modelCount: Int, domainCount: Int) {
        classes = Array(repeating: Counters(), count: classCount)
        models = Array(repeating: Counters(), count: modelCount)
        demand = Array(repeating: Array(repeating: DemandCounts(), count: classCount), count: modelCount)
        domainWorkerTime = Array(repeating: .zero, count: domainCount)
    }

    /// Counts a submitted task.
    public mutating func recordArrival(_ request: TaskRequest) {
        classes[request.priorityClass.index].offered += 1
        models[request.model.index].offered += 1
        demand[request.model.index][request.priorityClass.index].offered += 1
    }

    /// Counts a queued task.
    public mutating func recordAdmission(_ request: TaskRequest) {
        classes[request.priorityClass.index].admitted += 1
        models[request.model.index].admitted += 1
    }

    /// Counts a task's one outcome.
    public mutating func record(_ outcome: TaskOutcome) {
        Self.record(outcome, into: &classes[outcome.priorityClass.index])
        Self.record(outcome, into: &models[outcome.model.index])
        demand[outcome.model.index][outcome.priorityClass.index].record(outcome)
        // A replayed recording names its domains itself: one beyond the node is not counted.
        if let domain = outcome.domain?.index, outcome.started != nil, domainWorkerTime.indices.contains(domain) {
            domainWorkerTime[domain] += outcome.workerTime
        }
    }

    private static func record(_ outcome: TaskOutcome, into counters: inout Counters) {
        if let started = outcome.started {
            counters.queueDelay.record(nanoseconds: started.nanoseconds &- outcome.arrival.nanoseconds)
            counters.serviceTime.record(nanoseconds: outcome.finished.nanoseconds &- started.nanoseconds)
            counters.workerTime += outcome.workerTime
        }
        switch outcome.result {
        case .completed(_, let downgrade):
            counters.completed += 1
            counters.latency.record(nanoseconds: outcome.finished.nanoseconds &- outcome.arrival.nanoseconds)
            if outcome.metDeadline {
                counters.metDeadline += 1
            } else {
                counters.missedDeadline += 1
                counters.lateWorkerTime += outcome.workerTime
            }
            if let downgrade {
                counters.downgrades[downgrade, default: 0] += 1
            }
        case .refused(let reason):
            counters.refusals[reason, default: 0] += 1
        }
    }

    /// Every class's counters added up.
    public var total: Counters {
        classes.reduce(into: Counters()) { sum, counters in
            sum.offered += counters.offered
            sum.admitted += counters.admitted
            sum.completed += counters.completed
            sum.metDeadline += counters.metDeadline
            sum.missedDeadline += counters.missedDeadline
            sum.downgrades.merge(counters.downgrades, uniquingKeysWith: +)
            sum.refusals.merge(counters.refusals, uniquingKeysWith: +)
            sum.workerTime += counters.workerTime
            sum.lateWorkerTime += counters.lateWorkerTime
        }
    }
}
