/// The recording file format, version 1 (docs/recording.md): a header with
/// the magic, the start times and the name tables, then records of
/// ``recordSize`` bytes, every integer little-endian. Records come in the
/// order their answers were decided, not by arrival.
public enum RecordingFormat {
    /// `ESRC`, the first four bytes of every recording.
    public static let magic: [UInt8] = [0x45, 0x53, 0x52, 0x43]
    /// The version this code writes and reads.
    public static let version: UInt16 = 1
    /// The bytes of one record.
    public static let recordSize = 64
    /// Where the tables start: magic, version, record size, header size, two start times.
    static let fixedHeaderSize = 28
    /// A rung, domain or ingress byte that says "none".
    static let noneByte: UInt8 = 0xFF
    static let noneDomain: UInt16 = 0xFFFF
    /// Flag bits of a record's last byte.
    static let allowsDowngrade: UInt8 = 1 << 0
    static let gapFlag: UInt8 = 1 << 7
    /// The largest model, class, rung and domain numbers a record holds.
    public static let maximumModels = Int(UInt16.max) + 1
    public static let maximumClasses = Int(UInt8.max) + 1
    public static let maximumVariants = Int(noneByte)
    public static let maximumDomains = Int(noneDomain)

    /// The header's bytes; records follow them. Outcome and downgrade codes
    /// number ``RefusalReason`` and ``DowngradeReason`` cases from 1, as the
    /// tables list them.
    public static func encode(_ header: RecordingHeader) -> [UInt8] {
        var bytes = magic
        bytes.appendLittleEndian(version)
        bytes.appendLittleEndian(UInt16(recordSize))
        bytes.appendLittleEndian(UInt32(0))
        bytes.appendLittleEndian(header.wallClockStart)
        bytes.appendLittleEndian(header.monotonicStart.nanoseconds)
        bytes.appendTable(header.classes)
        bytes.appendLittleEndian(UInt16(clamping: header.models.count))
        for model in header.models {
            bytes.appendString(model.name)
            bytes.appendTable(model.variants)
        }
        bytes.appendTable(RefusalReason.allCases.map(\.rawValue))
        bytes.appendTable(DowngradeReason.allCases.map(\.rawValue))
        bytes.appendTable(header.ingresses)
        let size = UInt32(clamping: bytes.count)
        for index in 0..<4 { bytes[8 + index] = UInt8(truncatingIfNeeded: size >> (8 * index)) }
        return bytes
    }

    /// Appends `record`'s ``recordSize`` bytes, its arrival counted from
    /// `start`; numbers past the format's ranges are stored as "none" or
    /// saturated (the recorder checks the tables fit before it starts).
    public static func append(_ record: RecordedArrival, since start: Instant, to bytes: inout [UInt8]) {
        bytes.appendLittleEndian((record.arrival - start).nanoseconds)
        bytes.appendLittleEndian(nanosecondsOrNone(record.timeout))
        bytes.appendLittleEndian(nanosecondsOrNone(record.deadline))
        bytes.appendLittleEndian(record.answeredAfter.nanoseconds)
        bytes.appendLittleEndian(nanosecondsOrNone(record.queueTime))
        bytes.appendLittleEndian(nanosecondsOrNone(record.serviceTime))
        bytes.appendLittleEndian(UInt32(clamping: record.inputBytes))
        bytes.appendLittleEndian(UInt16(clamping: record.model.index))
        bytes.append(UInt8(clamping: record.priorityClass.index))
        bytes.append(record.refusal.map(code) ?? 0)
        bytes.append(rungByte(record.variant))
        bytes.append(rungByte(record.lowestVariant))
        bytes.append(rungByte(record.pinnedVariant))
        bytes.append(record.downgrade.map(code) ?? 0)
        bytes.appendLittleEndian(record.domain.map { UInt16(clamping: min($0.index, maximumDomains)) } ?? noneDomain)
        bytes.append(UInt8(clamping: record.ingress))
        bytes.append(record.allowDowngrade ? allowsDowngrade : 0)
    }

    /// Appends a gap record: `gap.dropped` records were lost before `gap.noticed`.
    public static func append(_ gap: RecordingGap, since start: Instant, to bytes: inout [UInt8]) {
        bytes.appendLittleEndian((gap.noticed - start).nanoseconds)
        bytes.append(contentsOf: repeatElement(0, count: 40))
        bytes.appendLittleEndian(UInt32(clamping: gap.dropped))
        bytes.append(contentsOf: repeatElement(0, count: 11))
        bytes.append(gapFlag)
    }

    private static func nanosecondsOrNone(_ duration: Duration?) -> Int64 {
        duration.map { max(0, $0.nanoseconds) } ?? -1
    }

    private static func rungByte(_ variant: VariantID?) -> UInt8 {
        variant.map { UInt8(clamping: min($0.rung, maximumVariants)) } ?? noneByte
    }

    static func code(_ reason: RefusalReason) -> UInt8 {
        UInt8(clamping: (RefusalReason.allCases.firstIndex(of: reason) ?? 0) + 1)
    }

    static func code(_ reason: DowngradeReason) -> UInt8 {
        UInt8(clamping: (DowngradeReason.allCases.firstIndex(of: reason) ?? 0) + 1)
    }
}

extension [UInt8] {
    fileprivate mutating func appendLittleEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        let value = value.littleEndian
        Swift.withUnsafeBytes(of: value) { append(contentsOf: $0) }
    }

    fileprivate mutating func appendString(_ text: String) {
        let utf8 = text.utf8.prefix(Int(UInt16.max))
        appendLittleEndian(UInt16(utf8.count))
        append(contentsOf: utf8)
    }

    fileprivate mutating func appendTable(_ names: [String]) {
        appendLittleEndian(UInt16(clamping: names.count))
        for name in names.prefix(Int(UInt16.max)) { appendString(name) }
    }
}
