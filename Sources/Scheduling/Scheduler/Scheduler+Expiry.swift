extension Scheduler {
    /// The earliest instant at which a queued task can no longer finish by
    /// its deadline on any variant it accepts in its domain (its deadline
    /// minus the cautious estimate of its fastest such variant, plus 1 ns);
    /// nil when no queued task has a deadline. The agent arms one timer for
    /// it and calls ``expire(now:)`` when it fires, instead of waiting for a
    /// worker to free up.
    ///
    /// It looks at each class queue's head, the task of its class and domain
    /// with the earliest deadline; a task behind it with a later deadline but
    /// a slower model is answered when it reaches the head or at dispatch.
    /// - Complexity: O(domains × classes × rungs)
    public var nextExpiry: Instant? {
        var earliest: Int64?
        for domain in domains.indices {
            for classIndex in domains[domain].queues.indices {
                guard let head = liveHead(domain: domain, classIndex: classIndex), let record = tasks[head.task],
                    let expiry = expiry(of: record, in: domain)
                else { continue }
                earliest = min(earliest ?? expiry, expiry)
            }
        }
        return earliest.map { Instant(nanoseconds: $0) }
    }

    /// Answers `deadline_exceeded`, without running them, the queued tasks
    /// that ``nextExpiry`` says can no longer make it by `now`; returns their
    /// outcomes (by domain, then class).
    /// - Complexity: O(expired × log queued + domains × classes × rungs)
    public mutating func expire(now: Instant) -> [TaskOutcome] {
        var outcomes: [TaskOutcome] = []
        for domain in domains.indices {
            for classIndex in domains[domain].queues.indices {
                while let head = liveHead(domain: domain, classIndex: classIndex), let record = tasks[head.task],
                    let expiry = expiry(of: record, in: domain), expiry <= now.nanoseconds,
                    let taken = takeQueued(head.task, from: domain, classIndex: classIndex, sequence: head.sequence)
                {
                    domains[domain].lateness.record(late: true)
                    outcomes.append(finish(taken, .refused(.deadlineExceeded), now: now))
                }
            }
        }
        return outcomes
    }

    /// The first instant (nanoseconds) at which the task, queued in
    /// `domain`, cannot finish by its deadline on any rung the variant
    /// choice would try there; nil without a deadline or a loaded rung.
    private func expiry(of record: TaskRecord, in domain: Int) -> Int64? {
        guard record.deadline != .max else { return nil }
        let model = record.request.model.index
        let start = policyRung(record, domain: domain).rung
        guard
            let fastest = (start...record.rungs.upperBound).compactMap({
                estimator.cautiousEstimate(model: model, rung: $0, domain: domain)
            }).min()
        else { return nil }
        // Hopeless once now + fastest > deadline: the first such whole nanosecond.
        let margin = Self.nanoseconds(fastest.rounded(.up))
        let (latestStart, overflow) = record.deadline.subtractingReportingOverflow(margin)
        return overflow ? .min : latestStart + 1
    }
}
