/// An amount per unit of time over the last second: the current second's
/// total blended with the previous one's.
struct RateWindow: Sendable {
    /// The window, nanoseconds: a rate is about one window's amount.
    static let window: Int64 = 1_000_000_000
    private var start: Int64 = 0
    private var current = 0.0
    private var previous = 0.0

    mutating func add(_ amount: Double, now: Instant) {
        let elapsed = now.nanoseconds - start
        if elapsed >= 2 * Self.window {
            previous = 0
            current = 0
            start = now.nanoseconds - elapsed % Self.window
        } else if elapsed >= Self.window {
            previous = current
            current = 0
            start += Self.window
        }
        current += amount
    }

    /// The amount per nanosecond around `now`.
    func rate(now: Instant) -> Double {
        let elapsed = now.nanoseconds - start
        let (earlier, later, into): (Double, Double, Int64) =
            elapsed >= 2 * Self.window
            ? (0, 0, 0)
            : elapsed >= Self.window
                ? (current, 0, elapsed - Self.window)
                : (previous, current, elapsed)
        let fraction = Double(into) / Double(Self.window)
        return (earlier * (1 - fraction) + later) / Double(Self.window)
    }
}
