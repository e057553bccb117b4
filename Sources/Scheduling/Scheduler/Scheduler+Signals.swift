import HeapModule

extension Scheduler {
    /// The temperature of a domain's package, °C, from the agent's sensors.
    /// Throws for a domain the configuration does not have.
    public mutating func updateTemperature(_ celsius: Double, domain id: DomainID, now: Instant)
        throws(SchedulingError)
    {
        let domain = id.index
        try configuration.check(domain: domain)
        domains[domain].thermal.update(celsius, now: now, maxLevel: maxLevel)
    }

    /// Free memory on a domain's nodes, MiB. Under the low watermark every
    /// class steps down (smaller variants use less), and
    /// ``isShortOfMemory(domain:)`` tells the agent to unload. Throws for a
    /// domain the configuration does not have.
    public mutating func updateFreeMemory(mebibytes: Double, domain id: DomainID, now: Instant)
        throws(SchedulingError)
    {
        let domain = id.index
        try configuration.check(domain: domain)
        domains[domain].memory.update(-mebibytes, now: now, maxLevel: maxLevel)
    }

    /// Whether the domain is below its free-memory watermark.
    public func isShortOfMemory(domain id: DomainID) throws(SchedulingError) -> Bool {
        let domain = id.index
        try configuration.check(domain: domain)
        return domains[domain].memory.level > 0
    }

    /// How many rungs each signal currently steps a domain down.
    public func downgradeLevels(domain id: DomainID) throws(SchedulingError) -> (
        pressure: Int, thermal: Int, memory: Int
    ) {
        let domain = id.index
        try configuration.check(domain: domain)
        return (domains[domain].pressure.level, domains[domain].thermal.level, domains[domain].memory.level)
    }

    /// Pressure keeps a domain on the richest rung that the work offered
    /// lately would keep under this utilisation: it steps back up only while
    /// the richer rung would stay under it, and further down (past the first
    /// step, which absorbs a burst) only while the current rung is not.
    public static let targetUtilisation = 0.85

    /// Records the work a task offers a domain on every rung (a strict task
    /// runs on its preferred one whatever the pressure, a pinned one on its pin).
    mutating func recordDemand(_ record: TaskRecord, domain: Int, now: Instant) {
        let model = record.request.model.index
        let strict = rules[record.request.priorityClass.index].strict
        for rung in domains[domain].demandAtRung.indices {
            let used =
                strict ? record.rungs.lowerBound : max(record.rungs.lowerBound, min(rung, record.rungs.upperBound))
            let work =
                estimator.estimate(model: model, rung: used, domain: domain) ?? estimator.estimate(
                    model: model, rung: 0, domain: domain) ?? 0
            domains[domain].demandAtRung[rung].add(work, now: now)
        }
    }

    /// Feeds the domain's signals: its queue delay (queued work per worker,
    /// seconds) to pressure, which steps back up the ladder only when the
    /// work offered lately fits the richer rung; and the wait of its
    /// non-sheddable weighted work, as a fraction of the shortest such
    /// timeout, to overload. Entering overload sheds every queued task of the
    /// sheddable classes, lowest weight first; their outcomes are returned.
    mutating func updateSignals(domain: Int, now: Instant) -> [TaskOutcome] {
        feedPressure(domain: domain, now: now)
        guard feedOverload(domain: domain, now: now) else { return [] }
        return shedSheddable(domain: domain, now: now)
    }

    /// A backlog the current rung keeps up with drains there, without the
    /// accuracy a cheaper rung gives up (``targetUtilisation``).
    private mutating func feedPressure(domain: Int, now: Instant) {
        let workers = Double(domains[domain].workers)
        let delay = queuedWork(in: domain) / workers / 1e9
        let level = domains[domain].pressure.level
        func utilisation(_ rung: Int) -> Double { domains[domain].demandAtRung[rung].rate(now: now) / workers }
        domains[domain].pressure.update(
            delay,
            now: now,
            maxLevel: maxLevel,
            mayRelax: level > 0 && utilisation(level - 1) < Self.targetUtilisation,
            mayDeepen: level < domains[domain].demandAtRung.count && utilisation(level) >= Self.targetUtilisation
        )
    }

    /// Whether the domain has just entered overload.
    private mutating func feedOverload(domain: Int, now: Instant) -> Bool {
        guard let (protected, timeout) = overloadReference else { return false }
        let wait = predictedWait(ofClass: protected, in: domain, now: now).expected
        let entered = domains[domain].overload.update(
            wait / timeout,
            now: now,
            maxLevel: 1
        )
        return entered && domains[domain].overload.level == 1
    }

    /// Answers `overload` every queued task of the sheddable classes in
    /// `domain`, lowest weight first (then configuration order).
    private mutating func shedSheddable(domain: Int, now: Instant) -> [TaskOutcome] {
        var outcomes: [TaskOutcome] = []
        let victims = weightedClasses.filter { rules[$0].sheddable }
            .sorted { (rules[$0].weight, $0) < (rules[$1].weight, $1) }
        for victim in victims {
            while let entry = domains[domain].queues[victim].heap.popMin() {
                if let record = takeQueued(entry.task, from: domain, classIndex: victim, sequence: entry.sequence) {
                    outcomes.append(finish(record, .refused(.overload), now: now))
                }
            }
        }
        return outcomes
    }
}
