/// When the scheduler steps a model's default variant down the ladder, other
/// than to meet one task's deadline. Each signal has a high and a low
/// watermark and a hold time, so that the variant does not flap.
public struct DowngradeConfiguration: Hashable, Sendable {
    /// Queue delay of a domain (queued work over its workers): past `high`,
    /// weighted classes step down one rung; under `low`, back up one.
    public var pressure: Watermarks
    /// Temperature of a domain's package in °C (as reported by the agent).
    public var thermal: Watermarks
    /// Free memory of a domain's nodes in MiB: under `low` (here the
    /// trigger), every class prefers smaller variants and the scheduler asks
    /// to unload; above `high`, back.
    public var memory: Watermarks
    /// The circuit breaker per variant and domain.
    public var errors: CircuitBreakerConfiguration

    /// Signals from their watermarks and the breaker's settings.
    public init(pressure: Watermarks, thermal: Watermarks, memory: Watermarks, errors: CircuitBreakerConfiguration) {
        self.pressure = pressure
        self.thermal = thermal
        self.memory = memory
        self.errors = errors
    }

    /// Pressure past 50 ms of queued work per worker, back under 10 ms; 85/75 °C;
    /// under 256 MiB free, back over 512 MiB; 1 s hold; breaker after 5 failures, 2 s cool-down.
    public static let defaults = DowngradeConfiguration(
        pressure: Watermarks(high: 0.050, low: 0.010, hold: .seconds(1)),
        thermal: Watermarks(high: 85, low: 75, hold: .seconds(1)),
        memory: Watermarks(high: 512, low: 256, hold: .seconds(1)),
        errors: CircuitBreakerConfiguration(failures: 5, coolDown: .seconds(2))
    )
}
