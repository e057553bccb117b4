import Histogram

/// The figures of one traffic class (or of all together) after a run.
///
/// Every request sent is in exactly one of `answered`, `deadlineExceeded`,
/// `refused` and `errors`; `admitted` is answered + deadline exceeded.
public struct ClassReport: Hashable, Sendable {
    /// Latency percentiles from the intended send time, over 200 answers only, µs.
    public struct Latency: Hashable, Sendable {
        /// The median.
        public var p50: UInt64
        /// The 99th percentile.
        public var p99: UInt64
        /// The 99.9th percentile.
        public var p999: UInt64
        /// The largest value recorded.
        public var max: UInt64
    }

    /// The class name (`total` for the sum).
    public var name: String
    /// The timeout the class's requests asked for; nil for none.
    public var timeout: Duration?
    /// Requests sent (the arrivals of the sending window).
    public var offered: Int
    /// Requests the server took on: answered 200 or 504.
    public var admitted: Int
    /// HTTP 200 answers.
    public var answered: Int
    /// 200 answers within the class timeout from the intended send time (any 200 without a timeout).
    public var onTime: Int
    /// HTTP 504 answers (`deadline_exceeded`).
    public var deadlineExceeded: Int
    /// Refusals (429, 503) by reason.
    public var refused: [String: Int]
    /// Other outcomes by kind: `http_NNN`, `connection_error`, `no_answer`.
    public var errors: [String: Int]
    /// Percentiles of the 200 answers' latency; nil when there were none.
    public var latency: Latency?
    /// On-time answers per second of the sending window.
    public var goodputPerSecond: Double
    /// On-time answers by the variant that gave them (`""`: the answer named none).
    public var onTimeByVariant: [String: Int]
    /// The accuracy of the on-time answers over the requests offered; nil when the run read no
    /// variant accuracies (no manifest).
    public var effectiveAccuracy: EffectiveAccuracy?

    /// The figures of `tally`, a class named `name` with `timeout`, over a sending window of
    /// `windowSeconds`; `accuracies` (nil: none known) value its on-time answers.
    package init(
        name: String, timeout: Duration?, tally: ClassTally, windowSeconds: Double, accuracies: VariantAccuracies?
    ) {
        self.name = name
        self.timeout = timeout
        offered = tally.offered
        admitted = tally.answered + tally.deadlineExceeded
        answered = tally.answered
        onTime = tally.onTime
        deadlineExceeded = tally.deadlineExceeded
        refused = tally.refused
        errors = tally.failed
        latency =
            tally.answered == 0
            ? nil
            : Latency(
                p50: tally.latency.valueAtPercentile(50), p99: tally.latency.valueAtPercentile(99),
                p999: tally.latency.valueAtPercentile(99.9), max: tally.latency.max)
        goodputPerSecond = windowSeconds > 0 ? Double(tally.onTime) / windowSeconds : 0
        onTimeByVariant = tally.onTimeByVariant
        effectiveAccuracy = accuracies.map {
            EffectiveAccuracy(onTimeByVariant: tally.onTimeByVariant, offered: tally.offered, accuracies: $0)
        }
    }

    /// Refusals of every reason.
    public var refusedCount: Int { refused.values.reduce(0, +) }
    /// Errors of every kind.
    public var errorCount: Int { errors.values.reduce(0, +) }
    /// Requests with an outcome; equals `offered` in every finished run.
    public var outcomes: Int { answered + deadlineExceeded + refusedCount + errorCount }
}
