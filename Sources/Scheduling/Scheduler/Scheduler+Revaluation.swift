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

    /// Moves the work queued at a variant by how far its estimate moved from
    /// `before`. A host that slows down shows first in the estimates of what
    /// it just ran; charges fixed at admission would keep predicting the old
    /// speed for every task already queued, and admit on that until those
    /// tasks end late.
    /// - Complexity: O(classes)
    mutating func revalueQueued(model: Int, rung: Int, domain: Int, from before: Charge) {
        let after = currentCharge(model: model, rung: rung, domain: domain)
        for classIndex in rules.indices {
            let queued = domains[domain].queuedByVariant[model][rung][classIndex]
            guard queued > 0 else { continue }
            domains[domain].queues[classIndex].work += Double(queued) * (after.work - before.work)
            domains[domain].queues[classIndex].workVariance += Double(queued) * (after.variance - before.variance)
        }
    }
}
