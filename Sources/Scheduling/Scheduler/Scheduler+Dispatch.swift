import HeapModule

extension Scheduler {
    /// The task a free worker of `domain` runs now, and tasks answered
    /// instead of run. Throws for a domain the configuration does not have.
    ///
    /// Steps: feed the domain's signals (which may shed); take the next head
    /// (its own domain's, else one it would steal); choose its variant: run
    /// it, or answer it (`deadline_exceeded`, `model_unavailable`) and take
    /// the next.
    public mutating func next(domain: Int, now: Instant) throws(SchedulingError) -> DispatchDecision {
        try configuration.check(domain: domain)
        var outcomes = updateSignals(domain: domain, now: now)
        while let head = nextHead(for: domain, now: now) {
            guard
                let record = takeQueued(
                    head.entry.task, from: head.domain, classIndex: head.classIndex, sequence: head.entry.sequence)
            else {
                continue
            }
            switch chooseVariant(record, domain: domain, now: now) {
            case .run(let rung, let downgrade):
                let assignment = start(record, from: head, rung: rung, downgrade: downgrade, in: domain, now: now)
                return DispatchDecision(assignment: assignment, outcomes: outcomes)
            case .expired:
                outcomes.append(finish(record, .refused(.deadlineExceeded), now: now))
            case .unavailable:
                outcomes.append(finish(record, .refused(.modelUnavailable), now: now))
            }
        }
        return DispatchDecision(assignment: nil, outcomes: outcomes)
    }

    /// Marks a task taken from `head`'s queue running on `rung` in `domain`:
    /// charges its class's fair share where it was queued, expects its end
    /// after its estimate, tells the breaker.
    private mutating func start(
        _ record: TaskRecord,
        from head: QueueHead,
        rung: Int,
        downgrade: DowngradeReason?,
        in domain: Int,
        now: Instant
    ) -> Assignment {
        let model = record.request.model.index
        let estimate = estimator.estimate(model: model, rung: rung, domain: domain) ?? 0
        chargeFairShare(domain: head.domain, classIndex: head.classIndex, service: estimate)
        domains[domain].running[record.request.id] = Self.nanoseconds(Double(now.nanoseconds) + estimate)
        domains[domain].breakers[model][rung].noteDispatch(now: now)
        var running = record
        running.state = .running(domain: domain, rung: rung, downgrade: downgrade, started: now)
        tasks[record.request.id] = running
        return Assignment(
            task: record.request.id,
            model: record.request.model,
            variant: rung,
            downgrade: downgrade,
            domain: domain,
            deadline: record.deadlineInstant
        )
    }

    /// The next queued entry a worker of `domain` takes: its own domain's
    /// choice, else a head it may steal.
    private mutating func nextHead(for domain: Int, now: Instant) -> QueueHead? {
        if let classIndex = pickClass(in: domain), let entry = liveHead(domain: domain, classIndex: classIndex) {
            return QueueHead(domain: domain, classIndex: classIndex, entry: entry)
        }
        return stealableHead(for: domain, now: now)
    }

    /// A head of another domain's class queue that a worker of `domain`
    /// would run: busiest domain first (then the lower index), strict
    /// classes in configuration order, then served weighted classes by start
    /// tag.
    private func stealableHead(for domain: Int, now: Instant) -> QueueHead? {
        let victims = domains.indices.filter { $0 != domain && domains[$0].queuedCount > 0 }
            .sorted { (domains[$0].queuedCount, $1) > (domains[$1].queuedCount, $0) }
        for victim in victims {
            let weighted = weightedClasses.filter { domains[victim].queues[$0].count > 0 && isServed($0, in: victim) }
                .sorted { domains[victim].queues[$0].startTag < domains[victim].queues[$1].startTag }
            for classIndex in strictClasses + weighted {
                guard let entry = liveHead(domain: victim, classIndex: classIndex), let record = tasks[entry.task]
                else { continue }
                if wouldRun(record, in: domain, now: now) {
                    return QueueHead(domain: victim, classIndex: classIndex, entry: entry)
                }
            }
        }
        return nil
    }

    /// Strict classes first (earliest head deadline), then the weighted class
    /// with the smallest start tag (ties: larger weight, then configuration order).
    private func pickClass(in domain: Int) -> Int? {
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
}
