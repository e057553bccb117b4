/// Durations as an operator types them on the command line: a number and a
/// unit (`us`, `ms`, `s`, `m`), such as `250us`, `50ms`, `1.5s`, `2m`.
public enum DurationArgument {
    /// The duration `text` names, or nil when it is not a non-negative number
    /// followed by one of the units, or does not fit in whole nanoseconds.
    public static func parse(_ text: String) -> Duration? {
        let digits = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let scale: Double
        switch text.dropFirst(digits.count) {
        case "us": scale = 1e3
        case "ms": scale = 1e6
        case "s": scale = 1e9
        case "m": scale = 60e9
        default: return nil
        }
        guard let number = Double(digits), number.isFinite, number * scale < 9.2e18 else { return nil }
        return .nanoseconds(Int64((number * scale).rounded()))
    }
}
