extension Scheduler {
    /// What one task queued at a variant adds to its queue's work now: the
    /// variant's estimate and its variance in the domain (0 where it is not
    /// loaded).
    struct Charge {
        var work: Double
        var variance: Double
    }

    func currentCharge(model: Int, rung: Int, domain: Int) -> Charge {
        Charge(
            work: estimator.estimate(model: model, rung: rung, domain: domain) ?? 0,
            variance: estimator.variance(model: model, rung: rung, domain: domain) ?? 0)
    }

    /// Counts a task into (`tasks` 1) or out of (−1) its class queue's work,
    /// charged at a variant's current estimate; an emptied queue holds no
    /// work (what rounding left is dropped).
    mutating func charge(_ tasks: Int, toClass classIndex: Int, in domain: Int, model: Int, rung: Int) {
        let charge = currentCharge(model: model, rung: rung, domain: domain)
        domains[domain].queues[classIndex].count += tasks
        domains[domain].queues[classIndex].work += Double(tasks) * charge.work
        domains[domain].queues[classIndex].workVariance += Double(tasks) * charge.variance
        domains[domain].queuedByVariant[model][rung][classIndex] += tasks
        if domains[domain].queues[classIndex].count == 0 {
            domains[domain].queues[classIndex].work = 0
            domains[domain].queues[classIndex].workVariance = 0
        }
    }

    /// Changes a variant's estimate in a domain (`update`) and moves the
    /// work queued at it by as much. A host that slows down shows first in
    /// the estimates of what it just ran; charges fixed at admission would
    /// keep predicting the old speed for every task already queued, and
    /// admit on that until those tasks end late.
    /// - Complexity: O(classes)
    mutating func updateEstimate(
        model: Int, rung: Int, domain: Int, _ update: (inout ServiceEstimator) -> Void
    ) {
        let before = currentCharge(model: model, rung: rung, domain: domain)
        update(&estimator)
        let after = currentCharge(model: model, rung: rung, domain: domain)
        for classIndex in rules.indices {
            let queued = domains[domain].queuedByVariant[model][rung][classIndex]
            guard queued > 0 else { continue }
            domains[domain].queues[classIndex].work += Double(queued) * (after.work - before.work)
            domains[domain].queues[classIndex].workVariance += Double(queued) * (after.variance - before.variance)
        }
    }
}
