import HeapModule

extension Scheduler {
    /// Predicted completion times of a task in a domain, nanoseconds.
    struct Prediction {
        /// With the variant it would run now (the downgrade signals' rung).
        var expected: Int64
        /// With the cheapest variant it accepts that is loaded there.
        var cheapest: Int64
        /// Its estimated service time with the expected variant, nanoseconds.
        var charge: Double
    }

    func predict(_ record: TaskRecord, domain: Int, now: Instant) -> Prediction {
        let model = record.request.model.index
        let (policy, _) = policyRung(record, domain: domain)
        var expectedRung: Int?
        var cheapestRung = record.rungs.lowerBound
        for rung in record.rungs where estimator.isLoaded(model: model, rung: rung, domain: domain) {
            cheapestRung = rung
            if expectedRung == nil && rung >= policy {
                expectedRung = rung
            }
        }
        let expected = expectedRung ?? cheapestRung
        let expectedService = estimator.cautiousEstimate(model: model, rung: expected, domain: domain) ?? 0
        let cheapestService = estimator.cautiousEstimate(model: model, rung: cheapestRung, domain: domain) ?? 0
        let classIndex = record.request.priorityClass.index
        let wait = predictedWait(ofClass: classIndex, in: domain, now: now)
        let start = Double(now.nanoseconds) + wait
        return Prediction(
            expected: Self.nanoseconds(start + expectedService),
            cheapest: Self.nanoseconds(start + cheapestService),
            charge: estimator.estimate(model: model, rung: expected, domain: domain) ?? 0
        )
    }

    /// A time in floating-point nanoseconds as an `Int64`, saturating (NaN,
    /// which no estimate should be, counts as the latest time).
    static func nanoseconds(_ value: Double) -> Int64 {
        if value >= 9.2e18 || value.isNaN { return .max }
        if value <= -9.2e18 { return .min }
        return Int64(value)
    }

    /// How long a new task of `classIndex` would wait in `domain` before it
    /// starts, nanoseconds: the work dispatched before it over the workers.
    ///
    /// That work is the running tasks' remaining estimate and every strict
    /// task queued; for a weighted class also its own queue and, of each other
    /// weighted class still served here, the share it gets meanwhile (its queue
    /// plus what it admits meanwhile at its recent rate, at most own queue ×
    /// its weight / own weight). A weighted class's workers are those left by
    /// the strict work admitted lately: strict tasks arriving later go first.
    func predictedWait(ofClass classIndex: Int, in domain: Int, now: Instant) -> Double {
        var strictQueued = 0.0
        var strictRate = 0.0
        for strict in strictClasses {
            strictQueued += domains[domain].queues[strict].work
            strictRate += domains[domain].admittedWork[strict].rate(now: now)
        }
        let base = runningRemaining(in: domain, now: now) + strictQueued
        let allWorkers = Double(domains[domain].workers)
        guard !rules[classIndex].strict else { return base / allWorkers }
        let workers = allWorkers * max(0.05, 1 - strictRate / allWorkers)
        let own = domains[domain].queues[classIndex].work
        let firstGuess = (base + own) / workers
        let weight = rules[classIndex].weight
        var ahead = base + own
        for other in weightedClasses where other != classIndex && isServed(other, in: domain) {
            let backlog =
                domains[domain].queues[other].work + domains[domain].admittedWork[other].rate(now: now) * firstGuess
            ahead += min(backlog, own * rules[other].weight / weight)
        }
        return ahead / workers
    }

    /// Whether a class gets worker time in `domain`: every class, but for a
    /// sheddable one while the domain is past capacity.
    func isServed(_ classIndex: Int, in domain: Int) -> Bool {
        !(rules[classIndex].sheddable && domains[domain].overload.level > 0)
    }

    /// Estimated work still to do on the running tasks of a domain, nanoseconds.
    func runningRemaining(in domain: Int, now: Instant) -> Double {
        var remaining = 0.0
        for running in domains[domain].running {
            remaining += Double(max(0, running.end - now.nanoseconds))
        }
        return remaining
    }

    /// Estimated service of the tasks queued in a domain, nanoseconds.
    func queuedWork(in domain: Int) -> Double {
        var work = 0.0
        for classIndex in rules.indices {
            work += domains[domain].queues[classIndex].work
        }
        return work
    }

    /// Tasks queued in a domain.
    func queuedCount(in domain: Int) -> Int {
        var count = 0
        for classIndex in rules.indices {
            count += domains[domain].queues[classIndex].count
        }
        return count
    }
}
