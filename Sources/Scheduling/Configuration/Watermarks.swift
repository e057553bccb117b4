/// Two thresholds and a hold time: the signal must cross `high` to switch
/// on and fall under `low` to switch off, and a switch waits `hold` after
/// the previous one.
public struct Watermarks: Hashable, Sendable {
    /// Crossing above it steps down.
    public var high: Double
    /// Falling below it steps back.
    public var low: Double
    /// The least time between two changes.
    public var hold: Duration

    /// Watermarks; ``SchedulerConfiguration/validate()`` refuses them unless
    /// both are finite, `low` is at most `high` and `hold` is not negative.
    public init(high: Double, low: Double, hold: Duration) {
        self.high = high
        self.low = low
        self.hold = hold
    }

    /// What is wrong with them, each naming the value; empty when nothing.
    var problems: [String] {
        var problems: [String] = []
        if !high.isFinite || !low.isFinite { problems.append("high \(high) and low \(low) must be finite numbers") }
        if low > high { problems.append("low \(low) is above high \(high); swap them") }
        if hold < .zero { problems.append("hold \(hold) is negative") }
        return problems
    }
}
