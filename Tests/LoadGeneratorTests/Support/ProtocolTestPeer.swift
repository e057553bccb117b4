import Foundation
import Messaging
import Synchronization

/// The other end for the load generator's ZeroMQ tests: a ROUTER on its own
/// thread that reads requests as docs/protocol.md frames them, logs what
/// they carried and answers each as `answer` says, holding delayed replies
/// so that they go out in another order than the requests came.
///
/// It is a test peer, not the thing under test: it checks every request's
/// frames and logs what is wrong, so a test can expect no problems.
final class ProtocolTestPeer: Sendable {
    /// How to answer a request of a priority.
    enum Answer: Sendable {
        /// Status 200 after `delay`, with one output `scores` FP32 [1, 4].
        case ok(delay: Duration)
        /// A refusal with `status` and `reason`, at once.
        case refuse(status: UInt16, reason: String)
        /// A reply header one byte too long: a reply the client cannot read.
        case garbled
        /// No reply at all.
        case silent
    }

    /// What the requests carried.
    struct Log: Sendable {
        /// Requests by priority string (`""` for none).
        var priorities: [String: Int] = [:]
        /// Requests by timeout, µs.
        var timeouts: [UInt64: Int] = [:]
        /// The distinct routing ids requests came from.
        var peers: Set<[UInt8]> = []
        /// Request ids seen more than once.
        var repeatedIDs = 0
        /// Frames that do not follow the protocol, or inputs not as `sensor-mlp` declares them.
        var problems: [String] = []
    }

    /// Where the ROUTER listens.
    let endpoint: String
    private let folder: URL
    private let stopper: HandoffQueue<Bool>
    private let state = Mutex<(log: Log, ended: Bool)>((Log(), false))
    private let ended = NSCondition()

    /// Binds a ROUTER on a fresh `ipc://` endpoint and starts answering.
    init(answer: @escaping @Sendable (_ priority: String) -> Answer) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("es-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        endpoint = "ipc://\(folder.path)/agent"
        stopper = try HandoffQueue<Bool>()
        let bound = NSCondition()
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let endpoint = endpoint
        let stopper = stopper
        Thread { [self] in
            do {
                let context = try Context()
                let router = try Socket(.router, in: context)
                try router.bind(endpoint)
                bound.lock()
                outcome.withLock { $0 = .success(()) }
                bound.broadcast()
                bound.unlock()
                try serve(router, stopper: stopper, answer: answer)
            } catch {
                bound.lock()
                outcome.withLock { if $0 == nil { $0 = .failure(error) } }
                state.withLock { $0.log.problems.append("peer: \(error)") }
                bound.broadcast()
                bound.unlock()
            }
            ended.lock()
            state.withLock { $0.ended = true }
            ended.broadcast()
            ended.unlock()
        }.start()
        bound.lock()
        while outcome.withLock({ $0 == nil }) { bound.wait() }
        bound.unlock()
        try outcome.withLock { $0 }?.get()
    }

    /// What the requests carried so far.
    var log: Log { state.withLock { $0.log } }

    /// Stops the ROUTER, waits for its thread, and removes the endpoint's folder.
    func stop() {
        stopper.push(true)
        ended.lock()
        while !state.withLock({ $0.ended }) { ended.wait() }
        ended.unlock()
        try? FileManager.default.removeItem(at: folder)
    }

    private func serve(
        _ router: Socket, stopper: HandoffQueue<Bool>, answer: @Sendable (String) -> Answer
    ) throws(ZeroMQError) {
        let poller = Poller()
        let requests = poller.add(router)
        let stop = poller.add(stopper)
        var held: [(due: ContinuousClock.Instant, frames: [Message])] = []
        var seen = Set<UInt64>()
        while true {
            let next = held.map(\.due).min()
            _ = try poller.wait(timeout: next.map { max(.zero, $0 - .now) })
            if poller.events(for: stop).contains(.readable) { return }
            if poller.events(for: requests).contains(.readable) {
                while let frames = try router.receive() {
                    guard let request = read(frames) else { continue }
                    if !seen.insert(request.id).inserted { state.withLock { $0.log.repeatedIDs += 1 } }
                    let reply: [[UInt8]]
                    var delay = Duration.zero
                    switch answer(request.priority) {
                    case .ok(let wait):
                        delay = wait
                        reply = Self.ran(id: request.id)
                    case .refuse(let status, let reason):
                        reply = [Self.header(id: request.id, status: status, reason: reason)]
                    case .garbled: reply = [Self.header(id: request.id, status: 200, reason: "") + [0]]
                    case .silent: continue
                    }
                    held.append(
                        (
                            .now + delay,
                            [frames[0]] + (try reply.map { bytes throws(ZeroMQError) in try Message(copying: bytes) })
                        ))
                }
            }
            let now = ContinuousClock.now
            for reply in held where reply.due <= now { _ = try router.send(reply.frames) }
            held.removeAll { $0.due <= now }
        }
    }

    /// The id and priority of a request, its frames checked against docs/protocol.md and sensor-mlp's input.
    private func read(_ frames: [Message]) -> (id: UInt64, priority: String)? {
        func problem(_ text: String) -> (id: UInt64, priority: String)? {
            state.withLock { $0.log.problems.append(text) }
            return nil
        }
        guard frames.count == 4 else { return problem("\(frames.count) frames, 4 expected (id, header, input)") }
        let header = frames[1].withUnsafeBytes { Array($0) }
        guard header.count >= 28, header[0...3] == [0x65, 0x73, 1, 1] else { return problem("header \(header)") }
        let id = Self.integer(header, at: 4, size: 8)
        let timeout = Self.integer(header, at: 12, size: 8)
        let (flags, inputs) = (Self.integer(header, at: 20, size: 2), Self.integer(header, at: 22, size: 2))
        let lengths = header[24...27].map(Int.init)
        guard flags == 0, inputs == 1, lengths[2] == 0, lengths[3] == 0, header.count == 28 + lengths.reduce(0, +)
        else { return problem("header of request \(id): \(header)") }
        let model = String(decoding: header[28..<28 + lengths[0]], as: UTF8.self)
        let priority = String(decoding: header[(28 + lengths[0])..<(28 + lengths[0] + lengths[1])], as: UTF8.self)
        let tensor = frames[2].withUnsafeBytes { Array($0) }
        let expected: [UInt8] =
            [6, 4, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0, 0, 0, 0, 0] + Array("seriesFP32".utf8)
        guard model == "sensor-mlp", tensor == expected, frames[3].count == 128 else {
            return problem("request \(id): model \(model), tensor header \(tensor), \(frames[3].count) data bytes")
        }
        state.withLock {
            $0.log.priorities[priority, default: 0] += 1
            $0.log.timeouts[timeout, default: 0] += 1
            $0.log.peers.insert(frames[0].withUnsafeBytes { Array($0) })
        }
        return (id, priority)
    }

    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        bytes[offset..<offset + size].reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func little(_ value: UInt64, size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// A reply header with no variant, no downgrade and no message; one output when the status is 200.
    private static func header(id: UInt64, status: UInt16, reason: String, variant: String = "") -> [UInt8] {
        [0x65, 0x73, 1, 2] + little(id, size: 8) + little(UInt64(status), size: 2)
            + little(status == 200 ? 1 : 0, size: 2) + little(3, size: 8) + little(5, size: 8)
            + little(status == 200 ? 0 : 0xFFFF, size: 2)
            + [UInt8(reason.utf8.count), UInt8(variant.utf8.count), 0, 0, 0, 0] + Array(reason.utf8)
            + Array(variant.utf8)
    }

    /// The frames of a reply that ran on `fp32`, with `scores` FP32 [1, 4].
    private static func ran(id: UInt64) -> [[UInt8]] {
        [
            header(id: id, status: 200, reason: "", variant: "fp32"),
            [6, 4, 2, 0] + little(1, size: 8) + little(4, size: 8) + Array("scoresFP32".utf8),
            [UInt8](repeating: 0, count: 16),
        ]
    }
}
