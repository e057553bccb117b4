import Scheduling

/// A host that now and then runs slower under the node, as a shared VM
/// does: every service time drawn while it is slowed is `factor` times as
/// long. Predictions made before it began are short by that much.
public struct HostSlowdown: Sendable {
    /// How much longer every service takes while it lasts (above 1).
    public var factor: Double
    /// How often it comes.
    public var period: Duration
    /// How long it lasts, at the end of each period.
    public var length: Duration

    /// A slowdown by `factor` for the last `length` of every `period`.
    public init(factor: Double, period: Duration, length: Duration) {
        self.factor = factor
        self.period = period
        self.length = length
    }

    /// What a service time starting at `time` (ns from the run's start) is multiplied by.
    func factor(at time: Int64) -> Double {
        let period = self.period.nanoseconds
        guard period > 0, time >= 0 else { return 1 }
        return time % period >= period - length.nanoseconds ? factor : 1
    }
}
