import Scheduling
import TestFixtures
import Testing
import Topology

/// The recording format of docs/recording.md: what is written reads back
/// the same, the documented example is what the encoder writes, and bytes
/// that are not a whole recording are refused at the offset where they stop
/// being one.
@Suite struct RecordingFormatTests {
    static let header = RecordingHeader(
        wallClockStart: 1_764_633_600_000_000_000, monotonicStart: Instant(nanoseconds: 5_000_000_000),
        classes: ["critical", "standard"],
        models: [RecordingHeader.Model(name: "sensor-mlp", variants: ["fp32", "int8"])],
        ingresses: ["http", "zeromq"])

    /// The record docs/recording.md takes apart byte by byte.
    static let example = RecordedArrival(
        arrival: Instant(nanoseconds: 5_001_500_000), model: ModelID(0), priorityClass: ClassID(0), timeout: nil,
        deadline: .milliseconds(50), allowDowngrade: true, lowestVariant: nil, pinnedVariant: nil, inputBytes: 128,
        ingress: 1, refusal: nil, variant: VariantID(1), downgrade: .pressure, domain: DomainID(0),
        answeredAfter: .microseconds(1200), queueTime: .microseconds(200), serviceTime: .milliseconds(1))

    static let exampleBytes: [UInt8] = [
        0x60, 0xE3, 0x16, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x80, 0xF0, 0xFA, 0x02, 0x00, 0x00, 0x00, 0x00, 0x80, 0x4F, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x40, 0x0D, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x42, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0x02, 0x00, 0x00, 0x01, 0x01,
    ]

    static func file(_ records: [RecordedArrival], header: RecordingHeader = header) -> [UInt8] {
        var bytes = RecordingFormat.encode(header)
        for record in records {
            RecordingFormat.append(record, since: header.monotonicStart, to: &bytes)
        }
        return bytes
    }

    /// docs/recording.md's worked example, the whole file from its hex dump.
    static func documentedBytes() throws -> [UInt8] {
        let document = try String(
            decoding: LocalFile.read(FixtureTrees.packageRoot + "/docs/recording.md"), as: UTF8.self)
        let dump = try #require(document.split(separator: "```hex\n").dropFirst().first?.split(separator: "```").first)
        return dump.split(separator: "\n").flatMap { line in
            line.split(separator: ":").dropFirst().joined().split(separator: " ").compactMap { UInt8($0, radix: 16) }
        }
    }

    @Test func theDocumentedExampleIsWhatTheEncoderWritesAndReadsBack() throws {
        let bytes = Self.file([Self.example])
        #expect(try Self.documentedBytes() == bytes)
        #expect(Array(bytes.suffix(64)) == Self.exampleBytes)
        let recording = try ArrivalRecording(decoding: bytes)
        #expect(recording.header == Self.header)
        #expect(recording.arrivals == [Self.example])
    }

    @Test func randomRecordsAndGapsReadBackAsWritten() throws {
        var random = TestSeed.generator(for: "randomRecordsAndGapsReadBackAsWritten")
        let header = RecordingHeader(
            wallClockStart: Int64(bitPattern: random.next()), monotonicStart: Instant(nanoseconds: 1 << 40),
            classes: ["critical", "standard", "batch"],
            models: [
                RecordingHeader.Model(name: "vision", variants: ["fp32", "int8", "half"]),
                RecordingHeader.Model(name: "ünïcode", variants: ["only"]),
            ],
            ingresses: ["http", "zeromq"])
        func duration() -> Duration? {
            random.next() % 3 == 0 ? nil : .nanoseconds(Int64(random.next() % 10_000_000_000))
        }
        func rung(below count: Int) -> VariantID? {
            random.next() % 2 == 0 ? nil : VariantID(Int(random.next() % UInt64(count)))
        }
        var records: [RecordedArrival] = []
        var gaps: [RecordingGap] = []
        var bytes = RecordingFormat.encode(header)
        for _ in 0..<500 {
            if random.next() % 50 == 0 {
                let gap = RecordingGap(
                    noticed: Instant(nanoseconds: (1 << 40) + Int64(random.next() % (1 << 40))),
                    dropped: Int(random.next() % 100_000) + 1)
                gaps.append(gap)
                RecordingFormat.append(gap, since: header.monotonicStart, to: &bytes)
                continue
            }
            let model = Int(random.next() % 2)
            let variants = header.models[model].variants.count
            let record = RecordedArrival(
                arrival: Instant(nanoseconds: (1 << 40) + Int64(random.next() % (1 << 40)) - (1 << 30)),
                model: ModelID(model), priorityClass: ClassID(Int(random.next() % 3)), timeout: duration(),
                deadline: duration(), allowDowngrade: random.next() % 2 == 0, lowestVariant: rung(below: variants),
                pinnedVariant: rung(below: variants), inputBytes: Int(random.next() % (1 << 32)),
                ingress: Int(random.next() % 2),
                refusal: random.next() % 2 == 0 ? nil : RefusalReason.allCases.randomElement(using: &random),
                variant: rung(below: variants),
                downgrade: random.next() % 2 == 0 ? nil : DowngradeReason.allCases.randomElement(using: &random),
                domain: random.next() % 3 == 0 ? nil : DomainID(Int(random.next() % 65_535)),
                answeredAfter: duration() ?? .zero, queueTime: duration(), serviceTime: duration())
            records.append(record)
            RecordingFormat.append(record, since: header.monotonicStart, to: &bytes)
        }
        let recording = try ArrivalRecording(decoding: bytes)
        #expect(recording.header == header)
        #expect(recording.arrivals == records)
        #expect(recording.gaps == gaps)
        #expect(recording.dropped == gaps.reduce(0) { $0 + $1.dropped })
    }

    @Test func refusesAFileCutInsideARecordAtItsOffset() {
        let whole = Self.file([Self.example, Self.example])
        let headerSize = whole.count - 128
        #expect(
            throws: RecordingFormatError(
                .truncated, at: headerSize + 64, "the file ends inside a record (54 of 64 bytes)")
        ) {
            try ArrivalRecording(decoding: Array(whole.dropLast(10)))
        }
    }

    @Test(arguments: [3, 11, 30, 60])
    func refusesAFileCutInsideTheHeader(length: Int) {
        let cut = Array(Self.file([]).prefix(length))
        #expect {
            try ArrivalRecording(decoding: cut)
        } throws: { error in
            (error as? RecordingFormatError).map { $0.kind == .truncated || $0.kind == .foreign } ?? false
        }
    }

    @Test func refusesAForeignFile() {
        #expect(
            throws: RecordingFormatError(
                .foreign, at: 0, "not an edgesched recording (it does not start with the magic \"ESRC\")")
        ) {
            try ArrivalRecording(decoding: Array("name: not a recording\n".utf8))
        }
    }

    @Test func refusesAnotherVersion() {
        var bytes = Self.file([Self.example])
        bytes[4] = 2
        #expect(throws: RecordingFormatError(.unsupported, at: 4, "version 2; this edgesched reads version 1")) {
            try ArrivalRecording(decoding: bytes)
        }
    }

    @Test func refusesAModelTheHeaderDoesNotName() {
        var bytes = Self.file([Self.example, Self.example])
        let second = bytes.count - 64
        bytes[second + 52] = 7
        #expect(throws: RecordingFormatError(.invalid, at: second, "record 1: model 7 is not in the header")) {
            try ArrivalRecording(decoding: bytes)
        }
    }
}
