import Histogram
import Messaging

/// One DEALER on one thread keeping `inFlight` requests outstanding: each
/// reply is matched to its request by id, its round trip recorded, and the
/// next request sent at once. Only replies that ran (status 200, or an
/// echo) count as round trips; refusals are counted apart, so that refusing
/// fast never passes for serving fast.
struct LoadClient {
    let endpoint: String
    let inFlight: Int
    let duration: Duration
    /// Sent and answered before the measurement starts (connection, CURVE handshake, the scheduler's first estimates).
    let warmup: Duration
    /// The server's CURVE public key; the client makes up its own key pair.
    let serverKey: CurveKey?

    /// The most requests in flight: a request id is its slot (the low 16 bits) and the slot's count of requests
    /// sent before it (the rest), so matching a reply is an array lookup.
    static let maximumInFlight = 1 << 16
    /// How long to wait after the measurement for the replies still in flight before counting them lost.
    static let drainTimeout = Duration.seconds(2)

    func run() throws -> LoadReport {
        precondition((1...Self.maximumInFlight).contains(inFlight), "in flight \(inFlight) is checked by the caller")
        let context = try Context()
        let socket = try Socket(.dealer, in: context)
        if let serverKey {
            try socket.set(.curveClient(serverKey: serverKey, keyPair: try CurveKeyPair.generate()))
        }
        try socket.set(.receiveTimeout(.milliseconds(100)))
        try socket.connect(endpoint)
        let request = try NoopRequest()

        var report = LoadReport(endpoint: endpoint, inFlight: inFlight, curve: serverKey != nil, duration: duration)
        var sentAt = [UInt64](repeating: 0, count: inFlight)
        var expected = [UInt64?](repeating: nil, count: inFlight)
        var sentBySlot = [UInt64](repeating: 0, count: inFlight)
        var outstanding = 0
        func send(slot: Int) throws {
            let id = sentBySlot[slot] << 16 | UInt64(slot)
            sentBySlot[slot] += 1
            expected[slot] = id
            outstanding += 1
            sentAt[slot] = MonotonicTime.nanoseconds()
            guard try socket.send(request.frames(id: id), blocking: true) == .sent else {
                throw BenchmarkError("\(endpoint): a blocking send did not complete")
            }
        }

        let start = MonotonicTime.nanoseconds()
        let measureStart = start + warmup.wholeNanoseconds
        let end = measureStart + duration.wholeNanoseconds
        for slot in 0..<inFlight { try send(slot: slot) }
        while outstanding > 0 {
            guard let frames = try socket.receive(blocking: true) else {
                if MonotonicTime.nanoseconds() >= end + Self.drainTimeout.wholeNanoseconds { break }
                continue
            }
            let now = MonotonicTime.nanoseconds()
            guard let header = frames[0].withUnsafeBytes({ ReplyHeader($0) }),
                case let slot = Int(header.id & 0xFFFF), slot < inFlight, expected[slot] == header.id
            else {
                report.unmatched += 1
                continue
            }
            expected[slot] = nil
            outstanding -= 1
            if let status = header.status, status != 200 {
                report.refusals["\(status) \(header.reason)", default: 0] += 1
            } else if now >= measureStart && now < end {
                report.roundTrips += 1
                report.latency.record(now - sentAt[slot])
            }
            if now < end { try send(slot: slot) }
        }
        report.lost = outstanding
        return report
    }
}

extension Duration {
    /// The duration in whole nanoseconds (the benchmark's durations are seconds, far inside `UInt64`).
    var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
