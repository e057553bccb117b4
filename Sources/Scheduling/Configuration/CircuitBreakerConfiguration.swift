/// After `failures` failures in a row, a variant is skipped in its domain
/// for `coolDown`; then one task probes it: success closes the breaker,
/// failure opens it again.
public struct CircuitBreakerConfiguration: Hashable, Sendable {
    /// Failures in a row that open the breaker.
    public var failures: Int
    /// How long an open breaker skips the variant before a probe.
    public var coolDown: Duration

    /// A breaker opening after `failures` failures for `coolDown`.
    public init(failures: Int, coolDown: Duration) {
        self.failures = failures
        self.coolDown = coolDown
    }
}
