/// A level (0 = off, 1, 2, … rungs stepped down) that follows a signal with
/// two watermarks and a hold time: one step up while the value is past
/// `high`, one step down while it is under `low`, between them none, and
/// never two changes within `hold` (a signal that stays past `high` steps
/// one rung further per hold, up to the last rung).
struct Hysteresis: Hashable, Sendable {
    private(set) var level = 0
    /// When the level last changed, nanoseconds; nil: never.
    private var lastChange: Int64?
    private let high: Double
    private let low: Double
    /// The least time between two changes, nanoseconds.
    private let hold: Int64

    /// Level 0, following `watermarks` (copied once: the signal is fed on
    /// every submit and dispatch).
    init(_ watermarks: Watermarks) {
        high = watermarks.high
        low = watermarks.low
        hold = watermarks.hold.nanoseconds
    }

    /// Feeds the signal's current value; returns whether the level changed.
    /// `mayRelax` false keeps the level from stepping back even under `low`
    /// (the caller knows the step back would overload at once).
    @discardableResult
    mutating func update(_ value: Double, now: Instant, maxLevel: Int, mayRelax: Bool = true) -> Bool {
        if let lastChange {
            let (earliest, overflow) = lastChange.addingReportingOverflow(hold)
            if overflow || now.nanoseconds < earliest { return false }
        }
        if value > high && level < maxLevel {
            level += 1
        } else if value < low && level > 0 && mayRelax {
            level -= 1
        } else {
            return false
        }
        lastChange = now.nanoseconds
        return true
    }
}
