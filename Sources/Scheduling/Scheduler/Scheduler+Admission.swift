import HeapModule

extension Scheduler {
    /// Predicted completion times of a task in a domain, nanoseconds.
    struct Prediction {
        /// With the variant it would run now (the downgrade signals' rung).
        var expected: Int64
        /// With the cheapest variant it accepts that is loaded there.
        var cheapest: Int64
        /// The rung of the expected variant, which its queue is charged at.
        var rung: Int
    }

    /// How long a task would wait before it starts, nanoseconds: see
    /// ``predictedWait(ofClass:in:now:)``.
    struct Wait {
        var expected: Double
        /// One standard deviation of the wait.
        var deviation: Double
    }

    /// The task's completion in `domain` if admitted now: it starts two
    /// deviations past the expected wait, as its own service is taken two
    /// deviations past its estimate (``ServiceEstimator/cautiousEstimate(model:rung:domain:)``).
    /// The wait's error is the sum of many independent parts, so near
    /// normal: about 2 % of the tasks admitted right at the margin start
    /// late, and far fewer of all admitted. Wait and service are stretched
    /// by the domain's ``LatenessFeedback``, which the estimates' own error
    /// (a machine that slowed down) sets.
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
        let stretch = domains[domain].lateness.scale
        let start = Double(now.nanoseconds) + stretch * wait.expected + 2 * wait.deviation
        return Prediction(
            expected: Self.nanoseconds(start + stretch * expectedService),
            cheapest: Self.nanoseconds(start + stretch * cheapestService),
            rung: expected
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
    /// starts, nanoseconds: the work dispatched before it over the workers,
    /// and how far that may be off.
    ///
    /// That work is the running tasks' remaining estimate and every strict
    /// task queued; for a weighted class also its own queue and, of each other
    /// weighted class still served here, the share it gets meanwhile (its queue
    /// plus what it admits meanwhile at its recent rate, at most own queue ×
    /// its weight / own weight). A weighted class's workers are those left by
    /// the strict work admitted lately: strict tasks arriving later go first.
    ///
    /// The deviation is the standard deviation of that wait, from two
    /// independent sources. The queued tasks' service times, whose variances
    /// add. And the strict tasks that arrive while it waits: at random, so
    /// their work over a wait `W` is compound Poisson with variance
    /// `W × m` (`m`: the mean square of a strict task's service per
    /// nanosecond admitted lately), plus the error of the one-second rate
    /// window (`T`) the expected wait charges them at, `W² × m / T`. Each
    /// nanosecond of work more or less moves the start by 1 / workers. At
    /// sustained overload the queue is kept as long as the deadline allows,
    /// so the tasks admitted last are each at the margin, and a wait right
    /// only on average starts many of them too late. The other weighted
    /// classes' share counts at its mean: fair queuing holds it to the weights.
    func predictedWait(ofClass classIndex: Int, in domain: Int, now: Instant) -> Wait {
        var strictQueued = 0.0
        var strictQueuedVariance = 0.0
        var strictRate = 0.0
        var strictSquareRate = 0.0
        for strict in strictClasses {
            strictQueued += domains[domain].queues[strict].work
            strictQueuedVariance += domains[domain].queues[strict].workVariance
            strictRate += domains[domain].admittedWork[strict].rate(now: now)
            strictSquareRate += domains[domain].admittedSquareWork[strict].rate(now: now)
        }
        let base = runningRemaining(in: domain, now: now) + strictQueued
        let allWorkers = Double(domains[domain].workers)
        guard !rules[classIndex].strict else {
            return Wait(expected: base / allWorkers, deviation: max(0, strictQueuedVariance).squareRoot() / allWorkers)
        }
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
        let expected = ahead / workers
        let arrivalVariance = strictSquareRate * expected * (1 + expected / Double(RateWindow.window))
        // The queued sums lose what rounding loses as tasks leave: never under 0.
        let queuedVariance = max(0, strictQueuedVariance + domains[domain].queues[classIndex].workVariance)
        return Wait(expected: expected, deviation: (arrivalVariance + queuedVariance).squareRoot() / workers)
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
