extension Duration {
    /// The duration in whole milliseconds, a fraction rounded up (libzmq's timeouts are milliseconds, and a
    /// 0.5 ms timeout must not become 0, "return at once"); `nil` when it does not fit an `Int`.
    var wholeMillisecondsRoundingUp: Int? {
        let (seconds, attoseconds) = components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        let fraction = attoseconds / attosecondsPerMillisecond
        let roundUp: Int64 = attoseconds % attosecondsPerMillisecond > 0 ? 1 : 0
        let (total, overflowAgain) = milliseconds.addingReportingOverflow(fraction + roundUp)
        guard !overflowAgain else { return nil }
        return Int(exactly: total)
    }
}
