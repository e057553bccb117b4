import Scheduling

/// What the bridge knows that the cluster's vectors publish, read under its
/// lock in one go so that counts, estimates and levels are of one instant.
struct ClusterSnapshot: Sendable {
    /// When it was taken.
    var taken: Instant
    /// Counts since start, `[model][class]`.
    var demand: [[DemandCounts]]
    /// Worker time of the tasks each domain ran since start, by domain.
    var workerTime: [Duration]
    /// Each domain's downgrade level, the deepest of its signals.
    var levels: [Int]
    /// The estimate of each loaded variant, nil where it is not loaded: `[model][rung][domain]`.
    var estimates: [[[Duration?]]]
    /// The sensors' last readings, by domain.
    var readings: [DomainReading]
}
