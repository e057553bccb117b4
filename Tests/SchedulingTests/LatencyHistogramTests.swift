import Scheduling
import Testing

@Suite struct LatencyHistogramTests {
    @Test func percentilesAreWithinThreePercent() {
        var histogram = LatencyHistogram()
        for value in 1...10_000 {
            histogram.record(.microseconds(value))
        }
        for (quantile, exact) in [(0.5, 5000.0), (0.9, 9000.0), (0.99, 9900.0), (1.0, 10000.0)] {
            let measured = Double(histogram.percentile(quantile).nanoseconds) / 1000
            #expect(abs(measured - exact) / exact < 0.03, "p\(quantile * 100): \(measured) µs, exactly \(exact)")
        }
        #expect(histogram.count == 10_000)
        #expect(histogram.maximum == .milliseconds(10))
    }

    @Test func emptyHistogramReportsZero() {
        #expect(LatencyHistogram().percentile(0.99) == .zero)
    }

    @Test func smallValuesAreExact() {
        var histogram = LatencyHistogram()
        for value in [3, 7, 7, 20] {
            histogram.record(.nanoseconds(value))
        }
        #expect(histogram.percentile(0.5) == .nanoseconds(7))
    }
}
