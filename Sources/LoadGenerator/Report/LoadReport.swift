/// What a load run measured: per class and in total, and how well the
/// generator itself kept its schedule.
public struct LoadReport: Sendable {
    /// The plan that ran (its classes filled in).
    public var plan: LoadPlan
    /// One report per class, in the plan's order.
    public var classes: [ClassReport]
    /// All classes together.
    public var total: ClassReport
    /// Requests sent per second over the time the generator took to send them
    /// (below the rate when the generator could not keep up).
    public var sentPerSecond: Double
    /// How late the generator handed requests to connections, µs: median.
    public var lagP50: UInt64
    /// How late the generator handed requests to connections, µs: 99th percentile.
    public var lagP99: UInt64
    /// How late the generator handed requests to connections, µs: the largest.
    public var lagMax: UInt64
    /// Seconds spent waiting for answers after sending stopped.
    public var drainSeconds: Double
    /// The variant accuracies of the model, from its manifest; nil when none was read (over HTTP
    /// without `--models`), and then no effective accuracy is reported.
    public var accuracies: VariantAccuracies?

    /// The length of the sending window, seconds: goodput's denominator.
    public var windowSeconds: Double { plan.duration.seconds }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }

    /// The duration in nanoseconds, at most `Int64.max`.
    var nanosecondsClamped: Int64 {
        components.seconds >= Int64.max / 1_000_000_000
            ? Int64.max : components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }

    /// The duration in whole microseconds.
    var microseconds: Int64 {
        components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000
    }
}
