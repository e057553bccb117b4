/// Records the agent dropped because its writer fell behind: a replay of
/// the file misses that many arrivals around `noticed`.
public struct RecordingGap: Hashable, Sendable {
    /// When the writer found them dropped, on the recording's clock.
    public var noticed: Instant
    /// How many.
    public var dropped: Int

    /// A gap of `dropped` records noticed at `noticed`.
    public init(noticed: Instant, dropped: Int) {
        self.noticed = noticed
        self.dropped = dropped
    }
}
