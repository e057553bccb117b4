import Scheduling

/// A replay's outcome beside the recording's: the figures `bench sched`
/// prints for a scenario, for what was simulated and for what really
/// happened, and their differences.
public struct ReplayReport: Sendable {
    /// The recording and the node it ran on.
    public var replay: Replay
    /// The simulated run.
    public var replayed: SimulationReport

    /// The report of `replayed`, a run of `replay`.
    public init(replay: Replay, replayed: SimulationReport) {
        self.replay = replay
        self.replayed = replayed
    }

    /// What really happened.
    public var recorded: RecordedFigures { replay.recorded }

    /// Class `index`'s on-time share of admitted requests, percent: recorded, replayed.
    public func onTimeOfAdmitted(ofClass index: Int) -> (recorded: Double, replayed: Double) {
        (
            Self.percent(recorded.statistics.classes[index]),
            Self.percent(replayed.statistics.classes[index])
        )
    }

    /// Completions on a cheaper variant, all classes: recorded, replayed.
    public var downgrades: (recorded: Int, replayed: Int) {
        (recorded.statistics.total.downgraded, replayed.statistics.total.downgraded)
    }

    /// The replayed downgrades' difference from the recorded ones, percent
    /// of the recorded (0 when both are 0; nil when only the replay has any).
    public var downgradeDifferencePercent: Double? {
        let (recorded, replayed) = downgrades
        guard recorded > 0 else { return replayed == 0 ? 0 : nil }
        return Double(replayed - recorded) * 100 / Double(recorded)
    }

    private static func percent(_ counters: SchedulerStatistics.Counters) -> Double {
        counters.admitted == 0 ? 0 : Double(counters.metDeadline) * 100 / Double(counters.admitted)
    }
}
