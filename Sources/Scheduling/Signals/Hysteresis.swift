/// A level (0 = off, 1, 2, … rungs stepped down) that follows a signal with
/// two watermarks and a hold time: one step up per crossing of `high`, one
/// step down per fall under `low`, never two changes within `hold`.
struct Hysteresis: Hashable, Sendable {
    private(set) var level = 0
    private var lastChange: Instant?

    /// Feeds the signal's current value; returns whether the level changed.
    /// `mayRelax` false keeps the level from stepping back even under `low`
    /// (the caller knows the step back would overload at once).
    @discardableResult
    mutating func update(_ value: Double, now: Instant, watermarks: Watermarks, maxLevel: Int, mayRelax: Bool = true)
        -> Bool
    {
        if let lastChange, now < lastChange + watermarks.hold { return false }
        if value > watermarks.high && level < maxLevel {
            level += 1
        } else if value < watermarks.low && level > 0 && mayRelax {
            level -= 1
        } else {
            return false
        }
        lastChange = now
        return true
    }
}
