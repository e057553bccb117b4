import Histogram

/// What one client run saw: round trips in the measurement window with their latency, and every reply that
/// was not one.
struct LoadReport {
    let endpoint: String
    let inFlight: Int
    let curve: Bool
    let duration: Duration
    var roundTrips = 0
    /// Round-trip latency in nanoseconds, up to a minute.
    var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
    /// Replies with a status other than 200, by status and reason (`429 in_flight_limit`).
    var refusals: [String: Int] = [:]
    /// Replies whose id matched no request in flight, or whose header was not protocol v1.
    var unmatched = 0
    /// Requests still unanswered when the drain timed out.
    var lost = 0

    /// Non-200 replies, unmatched replies and lost requests together.
    var errors: Int { refusals.values.reduce(0, +) + unmatched + lost }

    /// One line of `key=value` fields that `Benchmarks/zeromq/run.sh` reads, then the refusals by reason.
    var summary: String {
        let seconds = Double(duration.wholeNanoseconds) / 1e9
        let fields = [
            "client", "in_flight=\(inFlight)", "curve=\(curve ? "on" : "off")",
            "round_trips_per_s=\(Int((Double(roundTrips) / seconds).rounded()))",
            "p50_us=\(microseconds(latency.valueAtPercentile(50)))",
            "p99_us=\(microseconds(latency.valueAtPercentile(99)))",
            "round_trips=\(roundTrips)", "errors=\(errors)", "unmatched=\(unmatched)", "lost=\(lost)",
            "endpoint=\(endpoint)",
        ]
        let reasons = refusals.sorted { $0.key < $1.key }.map { "  refused \($0.key): \($0.value)" }
        return ([fields.joined(separator: " ")] + reasons).joined(separator: "\n")
    }

    private func microseconds(_ nanoseconds: UInt64) -> String {
        let tenths = (nanoseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}
