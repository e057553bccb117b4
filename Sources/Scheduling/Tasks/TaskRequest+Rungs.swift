extension TaskRequest {
    /// The rungs it accepts, richest first: its pin alone; else the
    /// preferred rung down to its lowest variant (`lastRung` when it names
    /// none), or the preferred rung alone when it allows no downgrade.
    func acceptedRungs(lastRung: Int) -> ClosedRange<Int> {
        if let pinned = pinnedVariant { return pinned.rung...pinned.rung }
        return 0...(allowDowngrade ? lowestVariant?.rung ?? lastRung : 0)
    }
}
