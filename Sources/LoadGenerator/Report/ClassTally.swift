package import Histogram

/// The counts of one traffic class as outcomes arrive.
///
/// Invariant (``checkInvariants()``): once every request has its outcome,
/// `offered` equals answered + deadline exceeded + refused + failed, and
/// the on-time answers by variant add up to `onTime`.
package struct ClassTally: Sendable {
    /// An empty tally.
    package init() {}

    /// The highest latency recorded, µs (10 minutes); higher values are recorded as this.
    package static let latencyCeiling: UInt64 = 600_000_000

    /// Requests sent.
    package var offered = 0
    /// HTTP 200 answers.
    package var answered = 0
    /// 200 answers within the class timeout.
    package var onTime = 0
    /// The on-time answers by the variant that gave them (`""`: the answer named none).
    package var onTimeByVariant: [String: Int] = [:]
    /// HTTP 504 answers.
    package var deadlineExceeded = 0
    /// Refusals by reason.
    package var refused: [String: Int] = [:]
    /// Other outcomes by kind.
    package var failed: [String: Int] = [:]
    /// Latency from the intended send time of 200 answers, µs.
    package var latency = Histogram<UInt64>(
        highestTrackableValue: latencyCeiling, numberOfSignificantValueDigits: .three)

    /// Requests with an outcome.
    package var outcomes: Int { answered + deadlineExceeded + refused.values.reduce(0, +) + failed.values.reduce(0, +) }

    /// Counts `outcome` of a request whose class has `timeout` µs (nil: none).
    package mutating func record(_ outcome: Outcome, timeout: UInt64?) {
        switch outcome {
        case .answered(let microseconds, let variant):
            answered += 1
            if timeout.map({ microseconds <= $0 }) ?? true {
                onTime += 1
                onTimeByVariant[variant, default: 0] += 1
            }
            _ = latency.record(min(microseconds, Self.latencyCeiling))
        case .deadlineExceeded: deadlineExceeded += 1
        case .refused(let reason): refused[reason, default: 0] += 1
        case .failed(let kind): failed[kind, default: 0] += 1
        }
    }

    /// Adds `other`'s counts, for the total row.
    package mutating func add(_ other: ClassTally) {
        offered += other.offered
        answered += other.answered
        onTime += other.onTime
        onTimeByVariant.merge(other.onTimeByVariant, uniquingKeysWith: +)
        deadlineExceeded += other.deadlineExceeded
        refused.merge(other.refused, uniquingKeysWith: +)
        failed.merge(other.failed, uniquingKeysWith: +)
        latency.add(other.latency)
    }

    /// Checks the counting invariants of a finished run.
    package func checkInvariants() {
        precondition(outcomes == offered, "offered \(offered) but \(outcomes) outcomes: \(self)")
        precondition(onTime <= answered, "on time \(onTime) > answered \(answered)")
        precondition(
            onTimeByVariant.values.reduce(0, +) == onTime, "on time by variant \(onTimeByVariant) != on time \(onTime)")
        precondition(
            latency.totalCount == UInt64(answered), "latency samples \(latency.totalCount) != answered \(answered)")
    }
}
