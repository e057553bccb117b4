import Foundation
import Inference
import Logging
import Scheduling
import Synchronization

/// Appends every answered request to the recording file, off the request
/// path (docs/recording.md). The request path builds one fixed-size record
/// and appends it, under one lock, to a buffer whose capacity was reserved
/// at start: no I/O, no allocation. A writer thread of its own swaps the
/// buffer for its empty twin every ``writeInterval`` (sooner once it is
/// half full), encodes the records and writes them in one batch. When the
/// buffer is full the record is dropped and counted; the writer writes a
/// gap record, counts the loss in `edgesched_recording_dropped_total` and
/// logs it. ``stop()`` writes what is buffered and closes the file.
final class ArrivalRecorder: Sendable {
    /// Records buffered between two writes; past it they are dropped. About
    /// 220 bytes each in memory, so the buffer and its twin take 3.7 MB.
    static let capacity = 8192
    /// The ingresses by their number in the header (made once: `allCases` builds a new array each time).
    static let ingresses = IngressKind.allCases
    /// How often the writer wakes when the buffer is not half full.
    static let writeInterval = Duration.milliseconds(50)

    private struct Buffer: Sendable {
        var records: [RecordedArrival]
        var dropped = 0
        var stopping = false
    }

    /// The recording's clock origin, which every file's header carries.
    let start: Instant
    /// The file written.
    let path: String
    private let buffer: Mutex<Buffer>
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    /// Opens the file (throwing what the configuration got wrong, naming the
    /// key) and starts the writer thread.
    init(
        _ settings: AgentConfiguration.Recording, header: RecordingHeader, metrics: AgentMetrics, logger: Logger
    ) throws(AgentError) {
        start = header.monotonicStart
        path = settings.path
        var records: [RecordedArrival] = []
        records.reserveCapacity(Self.capacity)
        buffer = Mutex(Buffer(records: records))
        let file = try RecordingFile(
            path: settings.path, maxMegabytes: settings.maxMegabytes, header: RecordingFormat.encode(header))
        let writer = RecordingWriter(
            file: file, start: start, metrics: metrics, logger: logger, buffer: self)
        let thread = Thread { [exited] in
            writer.run()
            exited.signal()
        }
        thread.name = "es-recording"
        thread.start()
        logger.info("recording: every answer to \(settings.path), rotated at \(settings.maxMegabytes) MiB")
    }

    /// Records `outcome` of `submitted`: one lock, one append into reserved
    /// capacity; a full buffer drops and counts it.
    func record(_ outcome: TaskOutcome, of submitted: SubmittedRequest, ranOn: VariantID? = nil) {
        let record = RecordedArrival(
            outcome, of: submitted.request, inputBytes: submitted.inputBytes,
            ingress: Self.ingresses.firstIndex(of: submitted.ingress) ?? 0, ranOn: ranOn)
        let halfFull = buffer.withLock { buffer in
            guard buffer.records.count < Self.capacity else {
                buffer.dropped += 1
                return false
            }
            buffer.records.append(record)
            return buffer.records.count == Self.capacity / 2
        }
        if halfFull { wake.signal() }
    }

    /// Gives the writer the buffered records and the drop count, taking
    /// `empty` (with its reserved capacity) in their place.
    fileprivate func take(replacingWith empty: inout [RecordedArrival]) -> (dropped: Int, stopping: Bool) {
        buffer.withLock { buffer in
            swap(&buffer.records, &empty)
            defer { buffer.dropped = 0 }
            return (buffer.dropped, buffer.stopping)
        }
    }

    fileprivate func waitForWork() {
        _ = wake.wait(timeout: .now() + .milliseconds(Int(Self.writeInterval.nanoseconds / 1_000_000)))
    }

    /// Writes what is buffered, closes the file and waits for the writer
    /// thread to end; answers recorded after it are dropped.
    @available(*, noasync, message: "waits for the writer thread")
    func stop() {
        buffer.withLock { $0.stopping = true }
        wake.signal()
        exited.wait()
    }
}

/// The writer thread's side: the file and the encoding buffer, reused
/// from one batch to the next.
private final class RecordingWriter: @unchecked Sendable {
    // `@unchecked Sendable` is safe: made before the writer thread starts
    // and used only on it afterwards.
    private let file: RecordingFile
    private let start: Instant
    private let metrics: AgentMetrics
    private let logger: Logger
    private let recorder: ArrivalRecorder
    private var failing = false

    init(file: RecordingFile, start: Instant, metrics: AgentMetrics, logger: Logger, buffer: ArrivalRecorder) {
        self.file = file
        self.start = start
        self.metrics = metrics
        self.logger = logger
        recorder = buffer
    }

    func run() {
        var batch: [RecordedArrival] = []
        batch.reserveCapacity(ArrivalRecorder.capacity)
        var bytes: [UInt8] = []
        bytes.reserveCapacity((ArrivalRecorder.capacity + 1) * RecordingFormat.recordSize)
        while true {
            recorder.waitForWork()
            let (dropped, stopping) = recorder.take(replacingWith: &batch)
            bytes.removeAll(keepingCapacity: true)
            for record in batch {
                RecordingFormat.append(record, since: start, to: &bytes)
            }
            if dropped > 0 {
                let now = Instant(nanoseconds: MonotonicClock.nanoseconds())
                RecordingFormat.append(RecordingGap(noticed: now, dropped: dropped), since: start, to: &bytes)
                metrics.recordRecordingDrops(dropped)
                logger.warning("recording: \(dropped) answers dropped unrecorded: the writer fell behind")
            }
            write(bytes, records: batch.count)
            batch.removeAll(keepingCapacity: true)
            if stopping { break }
        }
        file.close()
    }

    private func write(_ bytes: [UInt8], records: Int) {
        guard !bytes.isEmpty else { return }
        do {
            try file.append(bytes)
            if failing { logger.notice("recording: \(file.path) is written again") }
            failing = false
        } catch {
            metrics.recordRecordingDrops(records)
            if !failing { logger.error("recording: \(file.path) \(error.reason); answers are dropped unrecorded") }
            failing = true
        }
    }
}
