import DequeModule

/// The schedulers a user would otherwise have, for comparison: no admission
/// prediction, no downgrades, no shedding. A free worker takes the first
/// task in its discipline's order that it can run, on the first rung the
/// task accepts that is loaded in the worker's domain (its preferred one
/// when loaded there), and runs it however late it will finish.
///
/// A task is refused at submit `shutting_down` unless running, and
/// `model_unavailable` when no domain has a rung it accepts loaded; a queued
/// task whose rungs have all been unloaded everywhere is answered
/// `model_unavailable` when a worker reaches it; one loaded only in other
/// domains is left for their workers.
public struct BaselinePolicy: SchedulingPolicy {
    /// How tasks are queued and which one a free worker takes.
    public enum Discipline: String, CaseIterable, Hashable, Sendable {
        /// One first-in, first-out queue for every class; no limit, no timeout.
        case fifo
        /// A FIFO queue per class; strict classes first, then by weight,
        /// highest first; no limit, no timeout.
        case priority
        /// What a Triton user configures: a FIFO queue per class, served
        /// strictly in configuration order (the class list is the priority
        /// levels). A class with `maxQueue` tasks queued refuses new ones
        /// `queue_full`; a task that has waited in the queue longer than its
        /// timeout is answered `deadline_exceeded` (Triton's `REJECT`) when
        /// a worker reaches it or by ``expire(now:)``. A task that starts
        /// runs to the end, even if it will finish late.
        case queueTimeout = "queue-timeout"
    }

    private struct Entry: Sendable {
        var request: TaskRequest
        var arrival: Instant
        var deadline: Instant?
        /// The rungs it accepts, richest first.
        var rungs: ClosedRange<Int>
        /// The domain ``submit(_:now:)`` named, where it counts as queued.
        var home: Int
    }

    private struct Running: Sendable {
        var entry: Entry
        var rung: Int
        var downgrade: DowngradeReason?
        var domain: Int
        var started: Instant
    }

    /// The node it schedules for.
    public let configuration: SchedulerConfiguration
    /// FIFO, strict priority, or priority levels with queue timeouts.
    public let discipline: Discipline
    /// Counts and distributions of every task seen.
    public private(set) var statistics: SchedulerStatistics
    private var queues: [Deque<Entry>]
    /// Queue indices in the order workers serve them.
    private let order: [Int]
    private var running: [TaskID: Running] = [:]
    /// A loaded rung's estimate as loaded, nil when it is not loaded:
    /// `[model][rung][domain]`.
    private var estimates: [[[Duration?]]]
    private var queuedPerDomain: [Int]
    /// Running, draining or stopped; see ``SchedulerLifecycle``.
    public private(set) var lifecycle = SchedulerLifecycle.running

    /// A baseline for a valid configuration, with the variants its profiles
    /// load.
    public init(configuration: SchedulerConfiguration, discipline: Discipline) throws(SchedulingError) {
        try configuration.validate()
        self.configuration = configuration
        self.discipline = discipline
        statistics = SchedulerStatistics(
            classCount: configuration.classes.count, modelCount: configuration.models.count,
            domainCount: configuration.workersPerDomain.count)
        let domains = configuration.workersPerDomain.indices
        estimates = configuration.models.map { model in
            model.variants.map { variant in domains.map { variant.serviceTime[DomainID($0)] } }
        }
        queuedPerDomain = Array(repeating: 0, count: domains.count)
        let classes = configuration.classes
        switch discipline {
        case .fifo:
            queues = [[]]
            order = [0]
        case .priority:
            queues = Array(repeating: [], count: classes.count)
            order = classes.indices.sorted { lhs, rhs in
                (classes[lhs].strict ? 0 : 1, -classes[lhs].weight, lhs)
                    < (classes[rhs].strict ? 0 : 1, -classes[rhs].weight, rhs)
            }
        case .queueTimeout:
            queues = Array(repeating: [], count: classes.count)
            order = Array(classes.indices)
        }
    }

    private func queueIndex(_ request: TaskRequest) -> Int {
        discipline == .fifo ? 0 : request.priorityClass.index
    }

    /// Queues the task, or refuses it (see ``Discipline`` and the type's
    /// rules); throws for a request naming what the configuration does not
    /// have.
    public mutating func submit(_ request: TaskRequest, now: Instant) throws(SchedulingError) -> SubmitDecision {
        try configuration.check(request)
        statistics.recordArrival(request)
        let classIndex = request.priorityClass.index
        let timeout = request.timeout ?? configuration.classes[classIndex].defaultTimeout
        let lastRung = configuration.models[request.model.index].variants.count - 1
        var entry = Entry(
            request: request, arrival: now, deadline: timeout.map { now + $0 },
            rungs: request.acceptedRungs(lastRung: lastRung), home: 0)
        let queue = queueIndex(request)
        guard lifecycle.admitsTasks else { return refuse(entry, .shuttingDown, now: now) }
        if discipline == .queueTimeout, queues[queue].count >= configuration.classes[classIndex].maxQueue {
            return refuse(entry, .queueFull, now: now)
        }
        guard let home = firstDomain(serving: entry) else { return refuse(entry, .modelUnavailable, now: now) }
        entry.home = home
        queues[queue].append(entry)
        queuedPerDomain[home] += 1
        statistics.recordAdmission(request)
        return SubmitDecision(domain: DomainID(home), outcomes: [])
    }

    private mutating func refuse(_ entry: Entry, _ reason: RefusalReason, now: Instant) -> SubmitDecision {
        SubmitDecision(domain: nil, outcomes: [finish(entry, .refused(reason), now: now)])
    }

    /// The first domain with a rung the task accepts loaded.
    private func firstDomain(serving entry: Entry) -> Int? {
        let model = estimates[entry.request.model.index]
        return configuration.workersPerDomain.indices.first { domain in
            entry.rungs.contains { model[$0][domain] != nil }
        }
    }

    /// Queue timeouts apply (`queue-timeout`) and the task has waited
    /// longer than its timeout.
    private func hasTimedOut(_ entry: Entry, now: Instant) -> Bool {
        guard discipline == .queueTimeout, let deadline = entry.deadline else { return false }
        return now > deadline
    }

    /// The first task, in the discipline's order, that a worker of `domain`
    /// can run; tasks it passes that timed out in the queue or that no
    /// domain can run any more are answered instead.
    /// - Complexity: O(1) when every domain loads every model; else
    ///   O(queued) at worst, skipping tasks only other domains can run.
    public mutating func next(domain id: DomainID, now: Instant) throws(SchedulingError) -> DispatchDecision {
        let domain = id.index
        try configuration.check(domain: domain)
        var outcomes: [TaskOutcome] = []
        for queue in order {
            var position = queues[queue].startIndex
            while position < queues[queue].endIndex {
                let entry = queues[queue][position]
                if hasTimedOut(entry, now: now) {
                    outcomes.append(finish(take(queue, at: position), .refused(.deadlineExceeded), now: now))
                    continue
                }
                guard let rung = entry.rungs.first(where: { estimates[entry.request.model.index][$0][domain] != nil })
                else {
                    if firstDomain(serving: entry) != nil {
                        position += 1
                    } else {
                        outcomes.append(finish(take(queue, at: position), .refused(.modelUnavailable), now: now))
                    }
                    continue
                }
                _ = take(queue, at: position)
                let downgrade: DowngradeReason? = rung == entry.rungs.lowerBound ? nil : .placement
                running[entry.request.id] = Running(
                    entry: entry, rung: rung, downgrade: downgrade, domain: domain, started: now)
                let assignment = Assignment(
                    task: entry.request.id, model: entry.request.model, variant: VariantID(rung),
                    downgrade: downgrade, domain: id, deadline: entry.deadline)
                return DispatchDecision(assignment: assignment, outcomes: outcomes)
            }
        }
        return DispatchDecision(assignment: nil, outcomes: outcomes)
    }

    /// Removes a queued task.
    /// - Complexity: O(1) at either end of the queue.
    private mutating func take(_ queue: Int, at position: Int) -> Entry {
        let entry = queues[queue].remove(at: position)
        queuedPerDomain[entry.home] -= 1
        return entry
    }

    /// Answers a running task, late or not.
    public mutating func complete(_ task: TaskID, now: Instant, succeeded: Bool) -> TaskOutcome {
        guard let run = running.removeValue(forKey: task) else {
            preconditionFailure("\(task) completed but it is not running")
        }
        let result: TaskOutcome.Result =
            succeeded ? .completed(variant: VariantID(run.rung), downgrade: run.downgrade) : .refused(.runtimeError)
        return finish(run.entry, result, now: now, started: run.started, domain: run.domain)
    }

    /// Withdraws a queued task (`cancelled`).
    public mutating func cancel(_ task: TaskID, now: Instant) -> TaskOutcome? {
        for queue in queues.indices {
            if let position = queues[queue].firstIndex(where: { $0.request.id == task }) {
                return finish(take(queue, at: position), .refused(.cancelled), now: now)
            }
        }
        return nil
    }

    /// Under `queue-timeout`, the first instant at which a class queue's
    /// head has waited longer than its timeout; nil otherwise, or with no
    /// head that has one. A task behind the head with a shorter timeout of
    /// its own is answered when it reaches the head or a worker reaches it.
    /// - Complexity: O(classes)
    public var nextExpiry: Instant? {
        guard discipline == .queueTimeout else { return nil }
        return queues.compactMap { $0.first?.deadline.map { $0 + .nanoseconds(1) } }.min()
    }

    /// Under `queue-timeout`, answers `deadline_exceeded` the class queues'
    /// heads that have waited longer than their timeouts by `now`, in class
    /// order; nothing otherwise.
    /// - Complexity: O(expired + classes)
    public mutating func expire(now: Instant) -> [TaskOutcome] {
        var outcomes: [TaskOutcome] = []
        for queue in queues.indices {
            while let head = queues[queue].first, hasTimedOut(head, now: now) {
                outcomes.append(
                    finish(take(queue, at: queues[queue].startIndex), .refused(.deadlineExceeded), now: now))
            }
        }
        return outcomes
    }

    /// Loads or unloads a variant in a domain; the estimate is checked and
    /// kept as it was given (nothing here predicts or learns).
    public mutating func setVariant(
        model: ModelID, variant: VariantID, domain: DomainID, loadedWithEstimate estimate: Duration?
    ) throws(SchedulingError) {
        try configuration.check(model: model, variant: variant.rung, domain: domain.index, estimate: estimate)
        estimates[model.index][variant.rung][domain.index] = estimate
    }

    /// The estimate a loaded variant was loaded with; nil if it is not loaded there.
    public func estimatedServiceTime(model: ModelID, variant: VariantID, domain: DomainID) throws(SchedulingError)
        -> Duration?
    {
        try configuration.check(model: model, variant: variant.rung, domain: domain.index)
        return estimates[model.index][variant.rung][domain.index]
    }

    /// Checks the domain; no downgrades, so the reading changes nothing.
    public func updateTemperature(_ celsius: Double, domain: DomainID, now: Instant) throws(SchedulingError) {
        try configuration.check(domain: domain.index)
    }

    /// Checks the domain; no downgrades, so the reading changes nothing.
    public func updateFreeMemory(mebibytes: Double, domain: DomainID, now: Instant) throws(SchedulingError) {
        try configuration.check(domain: domain.index)
    }

    /// Checks the domain; no downgrades, so every level is 0.
    public func downgradeLevels(domain: DomainID) throws(SchedulingError) -> (pressure: Int, thermal: Int, memory: Int)
    {
        try configuration.check(domain: domain.index)
        return (0, 0, 0)
    }

    /// Nothing queued and nothing running.
    public var isIdle: Bool { running.isEmpty && queues.allSatisfy(\.isEmpty) }

    /// Tasks queued, all classes.
    public var queuedCount: Int { queues.reduce(0) { $0 + $1.count } }

    /// Tasks queued whose submit named `domain` (any domain's worker that
    /// can run them may take them).
    public func queuedCount(domain: DomainID) throws(SchedulingError) -> Int {
        try configuration.check(domain: domain.index)
        return queuedPerDomain[domain.index]
    }

    /// Refuses new tasks from now on; queued ones are still dispatched.
    public mutating func beginDraining() {
        lifecycle.beginDraining()
    }

    /// Answers every queued task `shutting_down` and refuses new ones.
    public mutating func stop(now: Instant) -> [TaskOutcome] {
        lifecycle.stop()
        var outcomes: [TaskOutcome] = []
        for queue in queues.indices {
            while !queues[queue].isEmpty {
                outcomes.append(finish(take(queue, at: queues[queue].startIndex), .refused(.shuttingDown), now: now))
            }
        }
        return outcomes
    }

    private mutating func finish(
        _ entry: Entry,
        _ result: TaskOutcome.Result,
        now: Instant,
        started: Instant? = nil,
        domain: Int? = nil
    ) -> TaskOutcome {
        let outcome = TaskOutcome(
            entry.request, result, arrival: entry.arrival, deadline: entry.deadline, finished: now, started: started,
            domain: domain.map { DomainID($0) })
        statistics.record(outcome)
        return outcome
    }
}
