/// A recording file decoded (docs/recording.md): its header, its records
/// in file order (the order answers were decided) and the gaps where the
/// agent dropped records. What `edgesched record inspect` summarises and a
/// replay feeds the simulator.
public struct ArrivalRecording: Hashable, Sendable {
    /// The start times and name tables.
    public var header: RecordingHeader
    /// Every record, in file order.
    public var arrivals: [RecordedArrival]
    /// Where records were dropped, in file order.
    public var gaps: [RecordingGap]

    /// A recording from its parts.
    public init(header: RecordingHeader, arrivals: [RecordedArrival], gaps: [RecordingGap]) {
        self.header = header
        self.arrivals = arrivals
        self.gaps = gaps
    }

    /// Records dropped in all.
    public var dropped: Int { gaps.reduce(0) { $0 + $1.dropped } }

    /// Decodes a whole file; throws at the first byte that is not the
    /// format: a foreign file, another version, a cut-short header or
    /// record, or a number outside the header's tables.
    public init(decoding bytes: [UInt8]) throws(RecordingFormatError) {
        var decoder = RecordingDecoder(bytes)
        header = try decoder.header()
        arrivals = []
        gaps = []
        arrivals.reserveCapacity(decoder.remaining / RecordingFormat.recordSize)
        while decoder.remaining > 0 {
            switch try decoder.record(in: header) {
            case .arrival(let arrival): arrivals.append(arrival)
            case .gap(let gap): gaps.append(gap)
            }
        }
    }
}
