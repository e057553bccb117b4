/// Durations as operators write them in a configuration: a number and a
/// unit, `250us`, `50ms`, `1.5s`, `2m`.
enum DurationText {
    private static let units: [(suffix: String, nanoseconds: Double)] = [
        ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9),
    ]

    /// The duration `text` names, or nil when it is not a non-negative
    /// number with a unit, or does not fit in a `Duration` of whole nanoseconds.
    static func parse(_ text: String) -> Duration? {
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(number), value.isFinite
            else { continue }
            let nanoseconds = value * unit.nanoseconds
            guard nanoseconds < 9.2e18 else { return nil }
            return .nanoseconds(Int64(nanoseconds.rounded()))
        }
        return nil
    }

    /// The shortest way ``parse(_:)`` reads back: `1s`, `50ms`, `250us`.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        if microseconds % 60_000_000 == 0, microseconds >= 60_000_000 { return "\(microseconds / 60_000_000)m" }
        if microseconds % 1_000_000 == 0 { return "\(microseconds / 1_000_000)s" }
        if microseconds % 1000 == 0 { return "\(microseconds / 1000)ms" }
        return "\(microseconds)us"
    }
}
