import HeapModule

extension Scheduler {
    /// Admits a task or refuses it with a reason (see the rules on
    /// ``Scheduler``). Throws, without submitting it, for a request that names
    /// a class, model, variant or domain the configuration does not have.
    ///
    /// Steps: check the request; refuse it unless running, or when its class
    /// queue is full, or when no allowed domain has a variant it accepts;
    /// feed every candidate domain's signals (which may shed); record its
    /// demand on the least queued candidate; choose the domain with the
    /// earliest predicted completion that meets the deadline; queue it there.
    public mutating func submit(_ request: TaskRequest, now: Instant) throws(SchedulingError) -> SubmitDecision {
        if !names(request) { try configuration.check(request) }
        statistics.recordArrival(request)
        let record = newRecord(for: request, now: now)
        let classIndex = request.priorityClass.index
        guard lifecycle.admitsTasks else { return refuse(record, .shuttingDown, now: now) }
        guard queuedPerClass[classIndex] < rules[classIndex].maxQueue else {
            return refuse(record, .queueFull, now: now)
        }
        guard firstCandidate(for: record) != nil else {
            return refuse(record, .modelUnavailable, now: now)
        }
        let shed = feedSignals(ofCandidatesFor: record, now: now)
        recordDemand(record, domain: leastQueuedCandidate(for: record), now: now)
        switch chooseDomain(for: record, now: now) {
        case .noneServed:
            return refuse(record, .overload, now: now, also: shed)
        case .noneInTime:
            return refuse(record, .wouldMissDeadline, now: now, also: shed)
        case .domain(let domain, let prediction):
            enqueue(record, in: domain, prediction: prediction, now: now)
            statistics.recordAdmission(request)
            return SubmitDecision(domain: DomainID(domain), outcomes: shed)
        }
    }

    /// Whether every class, model, variant and domain the request names
    /// exists: the quick test before ``SchedulerConfiguration/check(_:)``
    /// builds the message.
    private func names(_ request: TaskRequest) -> Bool {
        guard rules.indices.contains(request.priorityClass.index), estimator.hasModel(request.model.index) else {
            return false
        }
        let ladder = 0..<estimator.rungCount(model: request.model.index)
        if let lowest = request.lowestVariant, !ladder.contains(lowest.rung) { return false }
        if let pinned = request.pinnedVariant, !ladder.contains(pinned.rung) { return false }
        return request.domains?.allSatisfy { domains.indices.contains($0.index) } ?? true
    }

    /// The record of a task arriving `now`: its deadline (the request's
    /// timeout or its class's, saturating; `Int64.max` for none) and the
    /// rungs it accepts.
    private func newRecord(for request: TaskRequest, now: Instant) -> TaskRecord {
        let timeout = request.timeout?.nanoseconds ?? rules[request.priorityClass.index].timeout
        let lastRung = estimator.rungCount(model: request.model.index) - 1
        let deadline = timeout.map { timeout in
            let (sum, overflow) = now.nanoseconds.addingReportingOverflow(timeout)
            return overflow ? (timeout > 0 ? Int64.max : .min) : sum
        }
        return TaskRecord(
            request: request,
            arrival: now,
            deadline: deadline ?? .max,
            rungs: request.acceptedRungs(lastRung: lastRung),
            state: .queued(domain: 0, sequence: 0, chargedRung: 0)
        )
    }

    /// The domains that may take the task are those it allows, in the order
    /// the request lists them (domain order when it lists none), with a
    /// variant it accepts loaded; this says whether `domain` is one.
    private func isCandidate(_ domain: Int, for record: TaskRecord) -> Bool {
        record.rungs.contains {
            estimator.isLoaded(model: record.request.model.index, rung: $0, domain: domain)
        }
    }

    private func firstCandidate(for record: TaskRecord) -> Int? {
        for domain in DomainList(listed: record.request.domains, count: domains.count)
        where isCandidate(domain, for: record) {
            return domain
        }
        return nil
    }

    /// Feeds the signals of every candidate domain; returns the outcomes of
    /// the tasks that entering overload shed.
    private mutating func feedSignals(ofCandidatesFor record: TaskRecord, now: Instant) -> [TaskOutcome] {
        var shed: [TaskOutcome] = []
        for domain in DomainList(listed: record.request.domains, count: domains.count)
        where isCandidate(domain, for: record) {
            let outcomes = updateSignals(domain: domain, now: now)
            if !outcomes.isEmpty { shed += outcomes }
        }
        return shed
    }

    /// The candidate with the least queued work (the first on ties): where
    /// the task's demand counts for the pressure signal.
    private func leastQueuedCandidate(for record: TaskRecord) -> Int {
        var leastQueued: (domain: Int, work: Double)?
        for domain in DomainList(listed: record.request.domains, count: domains.count)
        where isCandidate(domain, for: record) {
            let work = queuedWork(in: domain)
            if leastQueued.map({ work < $0.work }) ?? true {
                leastQueued = (domain, work)
            }
        }
        return leastQueued?.domain ?? 0
    }

    /// Where a task may be queued.
    private enum DomainChoice {
        /// Every candidate is past capacity for its (sheddable) class.
        case noneServed
        /// No candidate meets the deadline, even with the cheapest variant.
        case noneInTime
        /// The served candidate with the earliest expected completion that
        /// meets the deadline with the cheapest variant (the first on ties).
        case domain(Int, Prediction)
    }

    private func chooseDomain(for record: TaskRecord, now: Instant) -> DomainChoice {
        let classIndex = record.request.priorityClass.index
        var chosen: (domain: Int, prediction: Prediction)?
        var anyServed = false
        for domain in DomainList(listed: record.request.domains, count: domains.count)
        where isCandidate(domain, for: record) && isServed(classIndex, in: domain) {
            anyServed = true
            let prediction = predict(record, domain: domain, now: now)
            if prediction.cheapest <= record.deadline && prediction.expected < (chosen?.prediction.expected ?? .max) {
                chosen = (domain, prediction)
            }
        }
        guard anyServed else { return .noneServed }
        guard let (domain, prediction) = chosen else { return .noneInTime }
        return .domain(domain, prediction)
    }

    /// Queues the task in its class queue of `domain`, charged at its
    /// expected variant (re-valued while it waits as the estimate moves); a
    /// class returning from idle starts at the domain's virtual time (no
    /// banked credit).
    /// - Complexity: O(log n) in the class queue's entries
    private mutating func enqueue(_ record: TaskRecord, in domain: Int, prediction: Prediction, now: Instant) {
        let model = record.request.model.index
        let classIndex = record.request.priorityClass.index
        nextSequence += 1
        var queued = record
        queued.state = .queued(domain: domain, sequence: nextSequence, chargedRung: prediction.rung)
        let previous = tasks.updateValue(queued, forKey: record.request.id)
        precondition(previous == nil, "\(record.request.id) is already in flight")
        queuedPerClass[classIndex] += 1
        if domains[domain].queues[classIndex].count == 0 {
            domains[domain].queues[classIndex].startTag = max(
                domains[domain].virtualTime, domains[domain].queues[classIndex].finishTag)
        }
        domains[domain].queues[classIndex].heap.insert(
            QueueEntry(deadline: record.deadline, sequence: nextSequence, task: record.request.id))
        charge(1, toClass: classIndex, in: domain, model: model, rung: prediction.rung)
        let admitted = currentCharge(model: model, rung: prediction.rung, domain: domain)
        domains[domain].admittedWork[classIndex].add(admitted.work, now: now)
        if rules[classIndex].strict {
            domains[domain].admittedSquareWork[classIndex].add(
                admitted.work * admitted.work + admitted.variance, now: now)
        }
    }

    private mutating func refuse(
        _ record: TaskRecord,
        _ reason: RefusalReason,
        now: Instant,
        also shed: [TaskOutcome] = []
    ) -> SubmitDecision {
        SubmitDecision(domain: nil, outcomes: shed + [finish(record, .refused(reason), now: now)])
    }
}

/// The domains a request lists, or every domain in order when it lists
/// none, without building an array for the common case.
private struct DomainList: Sequence {
    var listed: [DomainID]?
    var count: Int

    struct Iterator: IteratorProtocol {
        var listed: [DomainID]?
        var count: Int
        var position = 0

        mutating func next() -> Int? {
            let limit = listed?.count ?? count
            guard position < limit else { return nil }
            defer { position += 1 }
            return listed?[position].index ?? position
        }
    }

    func makeIterator() -> Iterator {
        Iterator(listed: listed, count: count)
    }
}
