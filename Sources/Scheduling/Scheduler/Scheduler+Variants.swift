extension Scheduler {
    enum VariantChoice {
        case run(rung: Int, downgrade: DowngradeReason?)
        /// No rung it accepts can finish by its deadline.
        case expired
        /// No rung it accepts is loaded here with a closed circuit breaker.
        case unavailable
    }

    /// The rung the domain's downgrade signals start a task at, and why: its
    /// richest accepted rung, without a reason, when it accepts only one.
    func policyRung(_ record: TaskRecord, domain: Int) -> (rung: Int, reason: DowngradeReason?) {
        guard record.rungs.count > 1 else { return (record.rungs.lowerBound, nil) }
        let (pressure, thermal, memory) = (
            domains[domain].pressure.level, domains[domain].thermal.level, domains[domain].memory.level
        )
        var level = 0
        var reason: DowngradeReason?
        if !rules[record.request.priorityClass.index].strict, pressure > level {
            (level, reason) = (pressure, .pressure)
        }
        if thermal > level {
            (level, reason) = (thermal, .thermal)
        }
        if memory > level {
            (level, reason) = (memory, .memory)
        }
        return (min(record.rungs.lowerBound + level, record.rungs.upperBound), reason)
    }

    /// Picks the rung a worker of `domain` runs the task on at `now`.
    func chooseVariant(_ record: TaskRecord, domain: Int, now: Instant) -> VariantChoice {
        let model = record.request.model.index
        let (start, policyReason) = policyRung(record, domain: domain)
        var skipped: DowngradeReason?
        var missedDeadline = false
        for rung in start...record.rungs.upperBound {
            guard let estimate = estimator.cautiousEstimate(model: model, rung: rung, domain: domain) else {
                skipped = skipped ?? .placement
                continue
            }
            guard domains[domain].breakers[model][rung].allows(now: now) else {
                skipped = skipped ?? .errors
                continue
            }
            guard Double(now.nanoseconds) + estimate <= Double(record.deadline) else {
                missedDeadline = true
                continue
            }
            let reason: DowngradeReason? =
                rung == record.rungs.lowerBound ? nil : (missedDeadline ? .deadline : (skipped ?? policyReason))
            return .run(rung: rung, downgrade: reason)
        }
        return missedDeadline ? .expired : .unavailable
    }

    /// Whether a worker of `domain` would run the task now: it allows the
    /// domain and the variant choice there runs it (a variant it accepts is
    /// loaded with a closed breaker and finishes by the deadline). A thief
    /// steals only such a task; one it would refuse stays queued at home.
    func wouldRun(_ record: TaskRecord, in domain: Int, now: Instant) -> Bool {
        if let allowed = record.request.domains, !allowed.contains(DomainID(domain)) { return false }
        if case .run = chooseVariant(record, domain: domain, now: now) { return true }
        return false
    }
}

extension Scheduler {
    /// Whether a variant's circuit breaker in a domain is open or probing.
    public func isBreakerOpen(model: ModelID, variant id: VariantID, domain domainID: DomainID) throws(SchedulingError)
        -> Bool
    {
        let (variant, domain) = (id.rung, domainID.index)
        try configuration.check(model: model, variant: variant, domain: domain)
        return domains[domain].breakers[model.index][variant].isOpen
    }

    /// The current service-time estimate of a variant in a domain; nil if it
    /// is not loaded there.
    public func estimatedServiceTime(model: ModelID, variant id: VariantID, domain domainID: DomainID)
        throws(SchedulingError) -> Duration?
    {
        let (variant, domain) = (id.rung, domainID.index)
        try configuration.check(model: model, variant: variant, domain: domain)
        return estimator.estimate(model: model.index, rung: variant, domain: domain).map {
            .nanoseconds(Self.nanoseconds($0))
        }
    }

    /// Loads (with a first estimate) or unloads (nil) a variant in a domain.
    /// Queued tasks that no longer have a variant are answered when
    /// dispatched. Throws for a model, variant or domain the configuration
    /// does not have, or an estimate that is not positive or longer than
    /// ``SchedulerConfiguration/longestServiceTime``.
    public mutating func setVariant(
        model: ModelID, variant id: VariantID, domain domainID: DomainID, loadedWithEstimate estimate: Duration?
    ) throws(SchedulingError) {
        let (variant, domain) = (id.rung, domainID.index)
        try configuration.check(model: model, variant: variant, domain: domain, estimate: estimate)
        updateEstimate(model: model.index, rung: variant, domain: domain) {
            $0.setLoaded(model: model.index, rung: variant, domain: domain, estimate: estimate)
        }
    }

    /// Tasks queued in every domain, for metrics and the demand vector.
    public var queuedCount: Int { queuedPerClass.reduce(0, +) }
    /// Tasks running in every domain.
    public var runningCount: Int { domains.reduce(0) { $0 + $1.running.count } }

    /// Tasks queued in one domain, for its queue-depth metric.
    /// - Complexity: O(classes)
    public func queuedCount(domain id: DomainID) throws(SchedulingError) -> Int {
        try configuration.check(domain: id.index)
        return queuedCount(in: id.index)
    }
}
