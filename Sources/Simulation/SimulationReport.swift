public import Scheduling

/// What a simulation run produced: per-class statistics and the figures the
/// policies are compared by.
public struct SimulationReport: Sendable {
    /// The scenario's name.
    public var scenario: String
    /// The scheduler that ran.
    public var policy: SimulatedPolicy
    /// The seed; the same one gives the same report.
    public var seed: UInt64
    /// Class names, by ``ClassID``.
    public var classNames: [String]
    /// The policy's statistics at the end.
    public var statistics: SchedulerStatistics
    /// How long requests arrived.
    public var duration: Duration
    /// Until the last request was answered.
    public var simulatedTime: Duration
    /// Requests offered.
    public var requests: Int
    /// Distinct requests that got an outcome.
    public var answered: Int
    /// Answers that completed by their deadline (or had none) no later than
    /// the end of the arrival window.
    public var onTimeInWindow: Int
    /// A digest of every arrival's time and class: the same for every policy
    /// on the same scenario and seed, since arrivals never depend on what the
    /// policy does.
    public var arrivalDigest: UInt64
    /// Outcomes for a request that already had one (must be 0).
    public var duplicateOutcomes: Int
    /// When each domain's downgrade levels changed (edgesched only).
    public var levelChanges: [[Instant]]

    /// Outcomes recorded, all classes.
    public var outcomes: Int { statistics.total.outcomes }

    /// On-time answers per second of the arrival window: completions by
    /// their deadline that finished within the window, over its length. The
    /// same for every policy; work still finishing after the window does not
    /// count, so a policy cannot exceed the node's capacity by queueing.
    public var goodputPerSecond: Double {
        Double(onTimeInWindow) / duration.seconds
    }

    /// Worker time spent on requests that completed after their deadline.
    public var wastedWorkerTime: Duration { statistics.total.lateWorkerTime }

    /// Worker time of every task that ran.
    public var workerTime: Duration { statistics.total.workerTime }

    /// `wastedWorkerTime` as a fraction of all worker time.
    public var wastedFraction: Double {
        workerTime == .zero ? 0 : wastedWorkerTime.seconds / workerTime.seconds
    }

    /// A class's share of all worker time.
    public func workerTimeShare(ofClass index: Int) -> Double {
        workerTime == .zero ? 0 : statistics.classes[index].workerTime.seconds / workerTime.seconds
    }

    /// The shortest time between two changes of one domain's downgrade
    /// levels; nil with fewer than two changes.
    public var shortestLevelChangeInterval: Duration? {
        levelChanges.compactMap { changes in
            zip(changes, changes.dropFirst()).map { $1 - $0 }.min()
        }.min()
    }
}
