/// Reads a recording's header, then its records one at a time, checking
/// every number against the header's tables.
struct RecordingDecoder {
    enum Entry {
        case arrival(RecordedArrival)
        case gap(RecordingGap)
    }

    private var cursor: ByteCursor
    /// The outcome and downgrade codes' meanings, from the header's tables.
    private var reasons: [RefusalReason] = []
    private var downgrades: [DowngradeReason] = []
    /// Where the first record starts: the header's end.
    private var recordsStart = 0

    init(_ bytes: [UInt8]) {
        cursor = ByteCursor(bytes)
    }

    var remaining: Int { cursor.remaining }

    mutating func header() throws(RecordingFormatError) -> RecordingHeader {
        guard cursor.bytes.starts(with: RecordingFormat.magic) else {
            throw RecordingFormatError(
                .foreign, at: 0, "not an edgesched recording (it does not start with the magic \"ESRC\")")
        }
        _ = try cursor.read(UInt32.self, "the magic")
        let version = try cursor.read(UInt16.self, "the version")
        guard version == RecordingFormat.version else {
            throw RecordingFormatError(
                .unsupported, at: 4, "version \(version); this edgesched reads version \(RecordingFormat.version)")
        }
        let recordSize = try cursor.read(UInt16.self, "the record size")
        guard recordSize == RecordingFormat.recordSize else {
            throw RecordingFormatError(
                .unsupported, at: 6, "records of \(recordSize) bytes; version 1 has \(RecordingFormat.recordSize)")
        }
        let headerSize = Int(try cursor.read(UInt32.self, "the header size"))
        let wallClock = try cursor.read(Int64.self, "the wall-clock start")
        let monotonic = try cursor.read(Int64.self, "the monotonic start")
        let classes = try cursor.readTable("the class names")
        let modelCount = Int(try cursor.read(UInt16.self, "the model count"))
        var models: [RecordingHeader.Model] = []
        for index in 0..<modelCount {
            let name = try cursor.readString("the name of model \(index)")
            models.append(RecordingHeader.Model(name: name, variants: try cursor.readTable("the variants of \(name)")))
        }
        reasons = try known(cursor.readTable("the outcome reasons"), "outcome reason")
        downgrades = try known(cursor.readTable("the downgrade reasons"), "downgrade reason")
        let ingresses = try cursor.readTable("the ingress names")
        guard headerSize == cursor.offset else {
            throw RecordingFormatError(
                .invalid, at: 8, "the header size says \(headerSize) bytes but its tables end at \(cursor.offset)")
        }
        recordsStart = headerSize
        return RecordingHeader(
            wallClockStart: wallClock, monotonicStart: Instant(nanoseconds: monotonic), classes: classes,
            models: models, ingresses: ingresses)
    }

    private func known<Reason: RawRepresentable<String>>(_ names: [String], _ what: String)
        throws(RecordingFormatError) -> [Reason]
    {
        var reasons: [Reason] = []
        for name in names {
            guard let reason = Reason(rawValue: name) else {
                throw RecordingFormatError(.unsupported, at: cursor.offset, "unknown \(what) \"\(name)\"")
            }
            reasons.append(reason)
        }
        return reasons
    }

    /// The next record; the cursor moves past it only when it is whole and valid.
    mutating func record(in header: RecordingHeader) throws(RecordingFormatError) -> Entry {
        let start = cursor.offset
        let size = RecordingFormat.recordSize
        guard cursor.remaining >= size else {
            throw RecordingFormatError(
                .truncated, at: start, "the file ends inside a record (\(cursor.remaining) of \(size) bytes)")
        }
        var fields = cursor
        let arrival = header.monotonicStart + .nanoseconds(try fields.read(Int64.self, "the arrival"))
        let timeout = try fields.read(Int64.self, "the timeout")
        let deadline = try fields.read(Int64.self, "the deadline")
        let answered = try fields.read(Int64.self, "the answer time")
        let queue = try fields.read(Int64.self, "the queue time")
        let service = try fields.read(Int64.self, "the service time")
        let inputBytes = Int(try fields.read(UInt32.self, "the input size"))
        let model = Int(try fields.read(UInt16.self, "the model"))
        let priorityClass = Int(try fields.read(UInt8.self, "the class"))
        let outcome = Int(try fields.read(UInt8.self, "the outcome"))
        let variant = try fields.read(UInt8.self, "the variant")
        let lowest = try fields.read(UInt8.self, "the lowest variant")
        let pinned = try fields.read(UInt8.self, "the pinned variant")
        let downgrade = Int(try fields.read(UInt8.self, "the downgrade reason"))
        let domain = try fields.read(UInt16.self, "the domain")
        let ingress = Int(try fields.read(UInt8.self, "the ingress"))
        let flags = try fields.read(UInt8.self, "the flags")
        func invalid(_ message: String) -> RecordingFormatError {
            RecordingFormatError(.invalid, at: start, "record \((start - recordsStart) / size): \(message)")
        }
        if flags & RecordingFormat.gapFlag != 0 {
            cursor = fields
            return .gap(RecordingGap(noticed: arrival, dropped: inputBytes))
        }
        guard header.models.indices.contains(model) else { throw invalid("model \(model) is not in the header") }
        let variants = header.models[model].variants.count
        guard header.classes.indices.contains(priorityClass) else {
            throw invalid("class \(priorityClass) is not in the header")
        }
        guard outcome <= reasons.count else { throw invalid("outcome code \(outcome) is not in the header") }
        guard downgrade <= downgrades.count else { throw invalid("downgrade code \(downgrade) is not in the header") }
        guard header.ingresses.indices.contains(ingress) else {
            throw invalid("ingress \(ingress) is not in the header")
        }
        func rung(_ byte: UInt8, _ field: String) throws(RecordingFormatError) -> VariantID? {
            guard byte != RecordingFormat.noneByte else { return nil }
            guard Int(byte) < variants else {
                throw invalid("\(field) rung \(byte) is not a variant of \(header.models[model].name)")
            }
            return VariantID(Int(byte))
        }
        func duration(_ nanoseconds: Int64, _ field: String) throws(RecordingFormatError) -> Duration? {
            guard nanoseconds != -1 else { return nil }
            guard nanoseconds >= 0 else { throw invalid("\(field) \(nanoseconds) ns is negative") }
            return .nanoseconds(nanoseconds)
        }
        let record = RecordedArrival(
            arrival: arrival, model: ModelID(model), priorityClass: ClassID(priorityClass),
            timeout: try duration(timeout, "timeout"), deadline: try duration(deadline, "deadline"),
            allowDowngrade: flags & RecordingFormat.allowsDowngrade != 0,
            lowestVariant: try rung(lowest, "lowest variant"), pinnedVariant: try rung(pinned, "pinned variant"),
            inputBytes: inputBytes, ingress: ingress, refusal: outcome == 0 ? nil : reasons[outcome - 1],
            variant: try rung(variant, "variant"), downgrade: downgrade == 0 ? nil : downgrades[downgrade - 1],
            domain: domain == RecordingFormat.noneDomain ? nil : DomainID(Int(domain)),
            answeredAfter: try duration(answered, "answer time") ?? .zero,
            queueTime: try duration(queue, "queue time"), serviceTime: try duration(service, "service time"))
        cursor = fields
        return .arrival(record)
    }
}
