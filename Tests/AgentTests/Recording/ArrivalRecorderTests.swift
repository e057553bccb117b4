import Foundation
import Logging
import Scheduling
import TestFixtures
import Testing
import Topology

@testable import Agent

/// The agent's arrival recorder on a real file and its real writer thread:
/// what is recorded is in the file after `stop()`, or counted as dropped;
/// the file rotates before it passes `max_mb`; a path it cannot write is
/// refused naming the key.
@Suite struct ArrivalRecorderTests {
    static let header = RecordingHeader(
        wallClockStart: 1_764_633_600_000_000_000, monotonicStart: Instant(nanoseconds: 7_000_000_000),
        classes: ["critical", "standard", "batch"],
        models: [RecordingHeader.Model(name: "synthetic-matmul", variants: ["full", "lite"])],
        ingresses: IngressKind.allCases.map(\.rawValue))

    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("edgesched-\(name)-\(getpid()).esrec").path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".1")
    }

    static func recorder(_ path: String, maxMegabytes: Int = 64) throws -> ArrivalRecorder {
        try ArrivalRecorder(
            AgentConfiguration.Recording(path: path, maxMegabytes: maxMegabytes), header: header,
            metrics: AgentMetrics(models: [], classes: [], workersPerDomain: []),
            logger: Logger(label: "ArrivalRecorderTests"))
    }

    /// The `index`-th answer: served on `lite` or refused, arriving 1 ms apart.
    static func answer(_ index: Int) -> (TaskOutcome, SubmittedRequest) {
        let arrival = Instant(nanoseconds: 7_000_000_000 + Int64(index) * 1_000_000)
        let request = TaskRequest(
            id: TaskID(UInt64(index)), model: ModelID(0), priorityClass: ClassID(index % 3),
            timeout: index % 2 == 0 ? .milliseconds(20) : nil, allowDowngrade: index % 5 != 0,
            pinnedVariant: index % 7 == 0 ? VariantID(1) : nil)
        let served = index % 4 != 0
        let outcome = TaskOutcome(
            task: request.id, model: request.model, priorityClass: request.priorityClass,
            result: served ? .completed(variant: VariantID(1), downgrade: .pressure) : .refused(.queueFull),
            arrival: arrival, deadline: arrival + .milliseconds(20), finished: arrival + .microseconds(900),
            started: served ? arrival + .microseconds(100) : nil, domain: served ? DomainID(0) : nil)
        return (outcome, SubmittedRequest(request: request, inputBytes: 64, ingress: index % 2 == 0 ? .http : .zeromq))
    }

    static func expected(_ index: Int) -> RecordedArrival {
        let (outcome, submitted) = answer(index)
        return RecordedArrival(outcome, of: submitted.request, inputBytes: 64, ingress: index % 2)
    }

    @Test func everyAnswerRecordedIsInTheFileAfterStop() throws {
        let path = Self.path("recorder-all")
        defer { Self.remove(path) }
        let recorder = try Self.recorder(path)
        for index in 0..<1000 {
            let (outcome, submitted) = Self.answer(index)
            recorder.record(outcome, of: submitted)
        }
        recorder.stop()
        let recording = try ArrivalRecording(decoding: LocalFile.read(path))
        #expect(recording.header == Self.header)
        #expect(recording.arrivals == (0..<1000).map(Self.expected))
        #expect(recording.gaps.isEmpty)
    }

    /// Four threads record as fast as they can, more than the buffer holds
    /// between two writes: each record is in the file or in a gap's count.
    @Test func aRecordTheWriterCannotKeepUpWithIsCountedInAGap() throws {
        let path = Self.path("recorder-drops")
        defer { Self.remove(path) }
        let recorder = try Self.recorder(path)
        let perThread = 3 * ArrivalRecorder.capacity
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in 0..<perThread {
                let (outcome, submitted) = Self.answer(thread * perThread + index)
                recorder.record(outcome, of: submitted)
            }
        }
        recorder.stop()
        let recording = try ArrivalRecording(decoding: LocalFile.read(path))
        #expect(recording.arrivals.count + recording.dropped == 4 * perThread)
        #expect(Set(recording.arrivals.map(\.arrival)).count == recording.arrivals.count)
    }

    /// 25,000 records of 64 bytes are 1.6 MB: at `max_mb: 1` the first
    /// MiB's worth is in `PATH.1`, the rest in a new `PATH`, each a whole
    /// recording with its own header and neither past 1 MiB.
    @Test func theFileRotatesToPathDot1BeforeItPassesMaxMB() throws {
        let path = Self.path("recorder-rotation")
        defer { Self.remove(path) }
        let file = try RecordingFile(path: path, maxMegabytes: 1, header: RecordingFormat.encode(Self.header))
        for batch in 0..<25 {
            var bytes: [UInt8] = []
            for index in batch * 1000..<(batch + 1) * 1000 {
                RecordingFormat.append(Self.expected(index), since: Self.header.monotonicStart, to: &bytes)
            }
            try file.append(bytes)
        }
        file.close()
        let previous = try LocalFile.read(path + ".1")
        let current = try LocalFile.read(path)
        #expect(previous.count <= 1 << 20)
        #expect(previous.count > (1 << 20) - RecordingFormat.recordSize)
        let first = try ArrivalRecording(decoding: previous)
        let second = try ArrivalRecording(decoding: current)
        #expect(first.header == Self.header && second.header == Self.header)
        #expect(first.arrivals + second.arrivals == (0..<25_000).map(Self.expected))
    }

    @Test func aFileAlreadyAtThePathIsKeptAsPathDot1() throws {
        let path = Self.path("recorder-existing")
        defer { Self.remove(path) }
        try "the last run's recording".write(toFile: path, atomically: true, encoding: .utf8)
        let recorder = try Self.recorder(path)
        recorder.stop()
        #expect(try String(contentsOfFile: path + ".1", encoding: .utf8) == "the last run's recording")
        #expect(try ArrivalRecording(decoding: LocalFile.read(path)).arrivals.isEmpty)
    }

    @Test func aPathThatCannotBeWrittenIsRefusedNamingTheKey() {
        let path = "/nonexistent-edgesched-folder/arrivals.esrec"
        #expect {
            try Self.recorder(path)
        } throws: { error in
            (error as? AgentError)?.message
                == "recording.path: \"\(path)\" cannot be opened for writing: No such file or directory"
        }
    }
}
