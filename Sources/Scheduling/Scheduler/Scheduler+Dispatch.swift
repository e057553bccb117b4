import HeapModule

extension Scheduler {
    /// The task a free worker of `domain` runs now, and tasks answered
    /// instead of run. Throws for a domain the configuration does not have.
    ///
    /// Steps: feed the domain's signals (which may shed); take the next head
    /// (its own domain's, else one it would steal); choose its variant: run
    /// it, or answer it (`deadline_exceeded`, `model_unavailable`) and take
    /// the next.
    public mutating func next(domain id: DomainID, now: Instant) throws(SchedulingError) -> DispatchDecision {
        let domain = id.index
        if !domains.indices.contains(domain) { try configuration.check(domain: domain) }
        var outcomes = updateSignals(domain: domain, now: now)
        while let head = nextHead(for: domain, now: now) {
            guard let index = tasks.index(forKey: head.entry.task) else {
                preconditionFailure("domain \(head.domain) class \(head.classIndex): head \(head.entry.task) is stale")
            }
            let queued = tasks.values[index]
            let choice = chooseVariant(queued, domain: domain, now: now)
            var newState: TaskRecord.State?
            if case .run(let rung, let downgrade) = choice {
                newState = .running(domain: domain, rung: rung, downgrade: downgrade, started: now)
            }
            guard
                let record = takeQueued(
                    at: index, from: head.domain, classIndex: head.classIndex, sequence: head.entry.sequence,
                    becoming: newState)
            else {
                preconditionFailure(
                    "domain \(head.domain) class \(head.classIndex): head \(head.entry.task) is not queued")
            }
            switch choice {
            case .run(let rung, let downgrade):
                let assignment = start(record, from: head, rung: rung, downgrade: downgrade, in: domain, now: now)
                return DispatchDecision(assignment: assignment, outcomes: outcomes)
            case .expired:
                domains[head.domain].lateness.record(late: true)
                outcomes.append(finish(record, .refused(.deadlineExceeded), now: now))
            case .unavailable:
                outcomes.append(finish(record, .refused(.modelUnavailable), now: now))
            }
        }
        return DispatchDecision(assignment: nil, outcomes: outcomes)
    }

    /// Starts a task taken from `head`'s queue (already marked running) on
    /// `rung` in `domain`: charges its class's fair share where it was
    /// queued, expects its end after its estimate, tells the breaker.
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
        domains[domain].running.append(
            RunningTask(task: record.request.id, end: Self.nanoseconds(Double(now.nanoseconds) + estimate)))
        domains[domain].breakers[model][rung].noteDispatch(now: now)
        return Assignment(
            task: record.request.id,
            model: record.request.model,
            variant: VariantID(rung),
            downgrade: downgrade,
            domain: DomainID(domain),
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
    /// - Complexity: O(domains² + classes²) selections, no allocation.
    private func stealableHead(for domain: Int, now: Instant) -> QueueHead? {
        var previousVictim: (count: Int, index: Int)?
        while let victim = nextVictim(for: domain, after: previousVictim) {
            previousVictim = victim
            for classIndex in strictClasses {
                if let head = stealable(victim.index, classIndex, for: domain, now: now) { return head }
            }
            var previousClass: (startTag: Double, index: Int)?
            while let weighted = nextWeighted(in: victim.index, after: previousClass) {
                previousClass = weighted
                if let head = stealable(victim.index, weighted.index, for: domain, now: now) { return head }
            }
        }
        return nil
    }

    /// The other domain with queued tasks that comes after `previous` in the
    /// order busiest first, then lower index.
    private func nextVictim(for domain: Int, after previous: (count: Int, index: Int)?) -> (count: Int, index: Int)? {
        var best: (count: Int, index: Int)?
        for victim in domains.indices where victim != domain {
            let count = queuedCount(in: victim)
            guard count > 0 else { continue }
            if let previous, (count, -victim) >= (previous.count, -previous.index) { continue }
            if best.map({ (count, -victim) > ($0.count, -$0.index) }) ?? true {
                best = (count, victim)
            }
        }
        return best
    }

    /// The backlogged weighted class served in `victim` that comes after
    /// `previous` in the order smallest start tag first, then lower index.
    private func nextWeighted(in victim: Int, after previous: (startTag: Double, index: Int)?)
        -> (startTag: Double, index: Int)?
    {
        var best: (startTag: Double, index: Int)?
        for classIndex in weightedClasses
        where domains[victim].queues[classIndex].count > 0 && isServed(classIndex, in: victim) {
            let tag = domains[victim].queues[classIndex].startTag
            if let previous, (tag, classIndex) <= (previous.startTag, previous.index) { continue }
            if best.map({ (tag, classIndex) < ($0.startTag, $0.index) }) ?? true {
                best = (tag, classIndex)
            }
        }
        return best
    }

    /// The head of a victim's class queue, if a worker of `domain` would run it.
    private func stealable(_ victim: Int, _ classIndex: Int, for domain: Int, now: Instant) -> QueueHead? {
        guard let entry = liveHead(domain: victim, classIndex: classIndex), let record = tasks[entry.task],
            wouldRun(record, in: domain, now: now)
        else { return nil }
        return QueueHead(domain: victim, classIndex: classIndex, entry: entry)
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
            let weight = rules[classIndex].weight
            let otherWeight = rules[current].weight
            if (queue.startTag, -weight) < (other.startTag, -otherWeight) {
                chosen = classIndex
            }
        }
        return chosen
    }

    /// Start-time fair queuing: the class's task starts at its start tag
    /// and finishes `service / weight` later in virtual time.
    private mutating func chargeFairShare(domain: Int, classIndex: Int, service: Double) {
        guard !rules[classIndex].strict else { return }
        let start = domains[domain].queues[classIndex].startTag
        let finish = start + service / rules[classIndex].weight
        domains[domain].queues[classIndex].finishTag = finish
        domains[domain].virtualTime = start
        if domains[domain].queues[classIndex].count > 0 {
            domains[domain].queues[classIndex].startTag = finish
        }
    }
}
