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
///   work ahead of it under the dispatch rule) / workers + its own service
///   time (its estimate plus two standard deviations); the wait is
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
///   is answered `deadline_exceeded` without running.
/// - **Outcome.** Every submitted task gets exactly one ``TaskOutcome``, from
///   `submit`, `next`, `complete`, `cancel`, `expire` or `stop`.
public struct Scheduler: SchedulingPolicy, Sendable {
    /// What the scheduler was started with.
    public let configuration: SchedulerConfiguration
    /// Counts and distributions of every task seen.
    public private(set) var statistics: SchedulerStatistics
    var domains: [DomainState]
    var estimator: ServiceEstimator
    var tasks: [TaskID: TaskRecord] = [:]
    var queuedPerClass: [Int]
    private var nextSequence: UInt64 = 0
    /// Running, draining or stopped; see ``SchedulerLifecycle``.
    public internal(set) var lifecycle = SchedulerLifecycle.running
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
            case queued(domain: Int, sequence: UInt64, charge: Double)
            case running(domain: Int, rung: Int, downgrade: DowngradeReason?, started: Instant)
        }

        var request: TaskRequest
        var arrival: Instant
        /// Nanoseconds; `Int64.max` for none.
        var deadline: Int64
        var lowestRung: Int
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
            DomainState(workers: $0, classCount: configuration.classes.count, rungsPerModel: rungs)
        }
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
            classCount: configuration.classes.count, modelCount: configuration.models.count)
    }

    // MARK: Submit

    /// Admits a task or refuses it with a reason (see the rules above).
    /// Throws, without submitting it, for a request that names a class,
    /// model, variant or domain the configuration does not have.
    public mutating func submit(_ request: TaskRequest, now: Instant) throws(SchedulingError) -> SubmitDecision {
        try configuration.check(request)
        let classIndex = request.priorityClass.index
        precondition(tasks[request.id] == nil, "\(request.id) is already in flight")
        statistics.recordArrival(request)
        let priorityClass = configuration.classes[classIndex]
        let timeout = request.timeout ?? priorityClass.defaultTimeout
        let deadline = timeout.map { (now + $0).nanoseconds } ?? .max
        let lastRung = estimator.rungCount(model: request.model.index) - 1
        var record = TaskRecord(
            request: request,
            arrival: now,
            deadline: deadline,
            lowestRung: request.allowDowngrade ? request.lowestVariant ?? lastRung : 0,
            state: .queued(domain: 0, sequence: 0, charge: 0)
        )
        guard lifecycle.admitsTasks else { return refuse(record, .shuttingDown, now: now) }
        guard queuedPerClass[classIndex] < priorityClass.maxQueue else { return refuse(record, .queueFull, now: now) }

        var candidates: [Int] = []
        for domain in request.domains ?? Array(domains.indices) {
            if (0...record.lowestRung).contains(where: {
                estimator.isLoaded(model: request.model.index, rung: $0, domain: domain)
            }) {
                candidates.append(domain)
            }
        }
        guard let firstCandidate = candidates.first else { return refuse(record, .modelUnavailable, now: now) }
        var shed: [TaskOutcome] = []
        var leastQueued = firstCandidate
        for domain in candidates {
            shed += updateSignals(domain: domain, now: now)
            if domains[domain].queuedWork < domains[leastQueued].queuedWork {
                leastQueued = domain
            }
        }
        recordDemand(record, domain: leastQueued, now: now)
        var chosen: (domain: Int, prediction: Prediction)?
        var anyServed = false
        for domain in candidates where isServed(classIndex, in: domain) {
            anyServed = true
            let prediction = predict(record, domain: domain, now: now)
            if prediction.cheapest <= deadline && prediction.expected < (chosen?.prediction.expected ?? .max) {
                chosen = (domain, prediction)
            }
        }
        guard anyServed else { return refuse(record, .overload, now: now, also: shed) }
        guard let (domain, prediction) = chosen else { return refuse(record, .wouldMissDeadline, now: now, also: shed) }

        nextSequence += 1
        record.state = .queued(domain: domain, sequence: nextSequence, charge: prediction.charge)
        tasks[request.id] = record
        queuedPerClass[classIndex] += 1
        if domains[domain].queues[classIndex].count == 0 {
            domains[domain].queues[classIndex].startTag = max(
                domains[domain].virtualTime, domains[domain].queues[classIndex].finishTag)
        }
        domains[domain].queues[classIndex].heap.insert(
            QueueEntry(deadline: deadline, sequence: nextSequence, task: request.id))
        domains[domain].queues[classIndex].count += 1
        domains[domain].queues[classIndex].work += prediction.charge
        domains[domain].admittedWork[classIndex].add(prediction.charge, now: now)
        statistics.recordAdmission(request)
        return SubmitDecision(domain: domain, outcomes: shed)
    }

    private mutating func refuse(
        _ record: TaskRecord,
        _ reason: RefusalReason,
        now: Instant,
        also shed: [TaskOutcome] = []
    ) -> SubmitDecision {
        SubmitDecision(domain: nil, outcomes: shed + [finish(record, .refused(reason), now: now)])
    }

    // MARK: Dispatch

    /// The task a free worker of `domain` runs now, and tasks answered
    /// instead of run. Throws for a domain the configuration does not have.
    public mutating func next(domain: Int, now: Instant) throws(SchedulingError) -> DispatchDecision {
        try configuration.check(domain: domain)
        var outcomes = updateSignals(domain: domain, now: now)
        while let (source, classIndex, entry) = nextHead(for: domain, now: now) {
            guard let record = takeQueued(entry.task, from: source, classIndex: classIndex, sequence: entry.sequence)
            else {
                continue
            }
            switch chooseVariant(record, domain: domain, now: now) {
            case .run(let rung, let downgrade):
                let estimate = estimator.estimate(model: record.request.model.index, rung: rung, domain: domain) ?? 0
                chargeFairShare(domain: source, classIndex: classIndex, service: estimate)
                domains[domain].running[record.request.id] = Self.nanoseconds(Double(now.nanoseconds) + estimate)
                domains[domain].breakers[record.request.model.index][rung].noteDispatch(now: now)
                var running = record
                running.state = .running(domain: domain, rung: rung, downgrade: downgrade, started: now)
                tasks[record.request.id] = running
                let assignment = Assignment(
                    task: record.request.id,
                    model: record.request.model,
                    variant: rung,
                    downgrade: downgrade,
                    domain: domain,
                    deadline: record.deadlineInstant
                )
                return DispatchDecision(assignment: assignment, outcomes: outcomes)
            case .expired:
                outcomes.append(finish(record, .refused(.deadlineExceeded), now: now))
            case .unavailable:
                outcomes.append(finish(record, .refused(.modelUnavailable), now: now))
            }
        }
        return DispatchDecision(assignment: nil, outcomes: outcomes)
    }

    /// The next queued entry a worker of `domain` takes: its own domain's
    /// choice, else a head it may steal.
    private mutating func nextHead(for domain: Int, now: Instant) -> (Int, Int, QueueEntry)? {
        if let classIndex = pickClass(in: domain), let entry = liveHead(domain: domain, classIndex: classIndex) {
            return (domain, classIndex, entry)
        }
        let victims = domains.indices.filter { $0 != domain && domains[$0].queuedCount > 0 }
            .sorted { (domains[$0].queuedCount, $1) > (domains[$1].queuedCount, $0) }
        for victim in victims {
            let weighted = weightedClasses.filter { domains[victim].queues[$0].count > 0 && isServed($0, in: victim) }
                .sorted { domains[victim].queues[$0].startTag < domains[victim].queues[$1].startTag }
            for classIndex in strictClasses + weighted {
                guard let entry = liveHead(domain: victim, classIndex: classIndex), let record = tasks[entry.task]
                else { continue }
                if wouldRun(record, in: domain, now: now) {
                    return (victim, classIndex, entry)
                }
            }
        }
        return nil
    }

    /// Strict classes first (earliest head deadline), then the weighted class
    /// with the smallest start tag (ties: larger weight, then configuration order).
    private mutating func pickClass(in domain: Int) -> Int? {
        var best: (classIndex: Int, entry: QueueEntry)?
        for classIndex in strictClasses where domains[domain].queues[classIndex].count > 0 {
            guard let entry = liveHead(domain: domain, classIndex: classIndex) else { continue }
            if best.map({ entry < $0.entry }) ?? true {
                best = (classIndex, entry)
            }
        }
        if let best { return best.classIndex }
        var chosen: Int?
        for classIndex in weightedClasses
        where domains[domain].queues[classIndex].count > 0 && isServed(classIndex, in: domain) {
            guard let current = chosen else {
                chosen = classIndex
                continue
            }
            let queue = domains[domain].queues[classIndex]
            let other = domains[domain].queues[current]
            let weight = configuration.classes[classIndex].weight
            let otherWeight = configuration.classes[current].weight
            if (queue.startTag, -weight) < (other.startTag, -otherWeight) {
                chosen = classIndex
            }
        }
        return chosen
    }

    /// The class queue's first entry: always a task still queued there,
    /// because ``takeQueued(_:from:classIndex:sequence:)`` drops the stale
    /// entries that reach the top.
    func liveHead(domain: Int, classIndex: Int) -> QueueEntry? {
        domains[domain].queues[classIndex].heap.min
    }

    /// Removes a queued task from its queue's accounting and from the tasks
    /// in flight (its heap entry, if still there, becomes stale; stale
    /// entries at the top are dropped) and returns its record.
    mutating func takeQueued(_ task: TaskID, from domain: Int, classIndex: Int, sequence: UInt64? = nil) -> TaskRecord?
    {
        guard let record = tasks[task], case .queued(let queuedDomain, let queuedSequence, let charge) = record.state,
            queuedDomain == domain, sequence.map({ $0 == queuedSequence }) ?? true
        else {
            return nil
        }
        tasks[task] = nil
        domains[domain].queues[classIndex].count -= 1
        domains[domain].queues[classIndex].work -= charge
        if domains[domain].queues[classIndex].count == 0 {
            domains[domain].queues[classIndex].work = 0
        }
        queuedPerClass[classIndex] -= 1
        dropStaleHeads(domain: domain, classIndex: classIndex)
        return record
    }

    /// Pops the entries at the top of a class queue whose tasks left it.
    private mutating func dropStaleHeads(domain: Int, classIndex: Int) {
        while let entry = domains[domain].queues[classIndex].heap.min {
            if case .queued(let queuedDomain, let sequence, _) = tasks[entry.task]?.state,
                queuedDomain == domain, sequence == entry.sequence
            {
                return
            }
            domains[domain].queues[classIndex].heap.removeMin()
        }
    }

    /// Start-time fair queuing: the class's task starts at its start tag
    /// and finishes `service / weight` later in virtual time.
    private mutating func chargeFairShare(domain: Int, classIndex: Int, service: Double) {
        guard !configuration.classes[classIndex].strict else { return }
        let start = domains[domain].queues[classIndex].startTag
        let finish = start + service / Double(configuration.classes[classIndex].weight)
        domains[domain].queues[classIndex].finishTag = finish
        domains[domain].virtualTime = start
        if domains[domain].queues[classIndex].count > 0 {
            domains[domain].queues[classIndex].startTag = finish
        }
    }

    // MARK: Completion, cancellation

    /// Ends a running task: learns its service time, feeds the circuit breaker, answers it.
    public mutating func complete(_ task: TaskID, now: Instant, succeeded: Bool) -> TaskOutcome {
        guard let record = tasks[task], case .running(let domain, let rung, let downgrade, let started) = record.state
        else {
            preconditionFailure(
                "\(task) completed but it is not running (state: \(String(describing: tasks[task]?.state)))")
        }
        domains[domain].running[task] = nil
        let model = record.request.model.index
        if succeeded {
            estimator.record(model: model, rung: rung, domain: domain, measured: now - started)
        }
        domains[domain].breakers[model][rung].record(
            succeeded: succeeded, now: now, configuration: configuration.downgrade.errors)
        let result: TaskOutcome.Result =
            succeeded ? .completed(variant: rung, downgrade: downgrade) : .refused(.runtimeError)
        return finish(record, result, now: now, started: started, domain: domain)
    }

    /// Withdraws a queued task (`cancelled`); a running one is left to finish (nil).
    public mutating func cancel(_ task: TaskID, now: Instant) -> TaskOutcome? {
        guard let record = tasks[task], case .queued(let domain, _, _) = record.state,
            let taken = takeQueued(task, from: domain, classIndex: record.request.priorityClass.index)
        else { return nil }
        return finish(taken, .refused(.cancelled), now: now)
    }

    /// Records the one outcome of a task and forgets it.
    mutating func finish(
        _ record: TaskRecord,
        _ result: TaskOutcome.Result,
        now: Instant,
        started: Instant? = nil,
        domain: Int? = nil
    ) -> TaskOutcome {
        tasks[record.request.id] = nil
        let outcome = TaskOutcome(
            record.request, result, arrival: record.arrival, deadline: record.deadlineInstant, finished: now,
            started: started, domain: domain)
        statistics.record(outcome)
        return outcome
    }
}
