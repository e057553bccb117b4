/// Durations counted in log-linear buckets (32 per power of two, so a
/// percentile is within about 3 % of the true value), in constant memory.
public struct LatencyHistogram: Hashable, Sendable {
    private static let subBuckets = 32
    private var counts: [Int] = []
    /// Durations recorded.
    public private(set) var count = 0
    private var totalNanoseconds: Int64 = 0
    private var maximumNanoseconds: Int64 = 0
    /// Their sum.
    public var total: Duration { .nanoseconds(totalNanoseconds) }
    /// The longest.
    public var maximum: Duration { .nanoseconds(maximumNanoseconds) }

    /// An empty histogram.
    public init() {}

    /// Counts a duration (a negative one as zero).
    /// - Complexity: O(1) amortized
    public mutating func record(_ duration: Duration) {
        record(nanoseconds: duration.nanoseconds)
    }

    /// Counts a duration given in nanoseconds, as the scheduler measures
    /// them (without converting through `Duration`); the sum saturates.
    /// - Complexity: O(1) amortized
    mutating func record(nanoseconds value: Int64) {
        let nanoseconds = max(0, value)
        let bucket = Self.bucket(of: nanoseconds)
        if bucket >= counts.count {
            counts.append(contentsOf: repeatElement(0, count: bucket - counts.count + 1))
        }
        counts[bucket] += 1
        count += 1
        let (sum, overflow) = totalNanoseconds.addingReportingOverflow(nanoseconds)
        totalNanoseconds = overflow ? .max : sum
        maximumNanoseconds = max(maximumNanoseconds, nanoseconds)
    }

    /// The duration below which a fraction `quantile` (0…1) of the recorded
    /// ones lie; zero when nothing was recorded.
    public func percentile(_ quantile: Double) -> Duration {
        guard count > 0 else { return .zero }
        let rank = max(1, Int((quantile * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank {
                return min(.nanoseconds(Self.midpoint(of: bucket)), maximum)
            }
        }
        return maximum
    }

    /// The average; zero when empty.
    public var mean: Duration {
        count == 0 ? .zero : total / count
    }

    /// Values below 32 ns have a bucket each; above, 32 buckets per power of two.
    private static func bucket(of value: Int64) -> Int {
        guard value >= Int64(subBuckets) else { return Int(value) }
        let magnitude = 63 - value.leadingZeroBitCount
        let shift = magnitude - 5
        let sub = Int(value >> Int64(shift)) - subBuckets
        return subBuckets + (magnitude - 5) * subBuckets + sub
    }

    private static func midpoint(of bucket: Int) -> Int64 {
        guard bucket >= subBuckets else { return Int64(bucket) }
        let shift = (bucket - subBuckets) / subBuckets
        let sub = (bucket - subBuckets) % subBuckets + subBuckets
        let low = Int64(sub) << Int64(shift)
        return low + (Int64(1) << Int64(shift)) / 2
    }
}
