public import Scheduling

/// What really happened in a recording, counted as the simulator counts a
/// run: per-class statistics (an answer at once counts as refused at
/// submit, anything later as admitted) and the on-time answers within the
/// arrival window, so that a replay's figures compare one for one.
public struct RecordedFigures: Sendable {
    /// Per class (in the replay's class order) and per model.
    public var statistics: SchedulerStatistics
    /// Records of requests.
    public var requests: Int
    /// Served by their deadline (or with none), no later than the last arrival.
    public var onTimeInWindow: Int
    /// From the first arrival to the last.
    public var duration: Duration
    /// The digest of the arrivals' times and classes, as the replay computes it.
    public var arrivalDigest: UInt64

    /// On-time answers per second of the arrival window.
    public var goodputPerSecond: Double {
        Double(onTimeInWindow) / duration.seconds
    }
}
