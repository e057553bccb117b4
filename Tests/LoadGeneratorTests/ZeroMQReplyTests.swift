import Inference
import LoadGenerator
import Messaging
import Testing

/// The reply decoder on replies built by hand as docs/protocol.md lays them out.
@Suite struct ZeroMQReplyTests {
    private func frames(_ frames: [[UInt8]]) throws -> [Message] {
        try frames.map { try Message(copying: $0) }
    }

    private func hex(_ text: String) -> [UInt8] {
        text.split(separator: " ").map { UInt8($0, radix: 16) ?? 0xFF }
    }

    /// The worked example's reply: ran on `fp32` in domain 0 after 12 µs queued and 9 µs of service, with one
    /// output `scores` FP32 [1, 4].
    private var workedExample: [[UInt8]] {
        [
            hex(
                "65 73 01 02 07 00 00 00 00 00 00 00 c8 00 01 00 0c 00 00 00 00 00 00 00 09 00 00 00 00 00 00 00 "
                    + "00 00 00 04 00 00 00 00 66 70 33 32"),
            hex("06 04 02 00 01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 73 63 6f 72 65 73 46 50 33 32"),
            [0, 0, 0x80, 0x3f] + [UInt8](repeating: 0, count: 12),
        ]
    }

    @Test func readsTheWorkedExamplesReply() throws {
        let reply = try ZeroMQReply(frames: frames(workedExample))
        #expect(reply.id == 7)
        #expect(reply.status == 200)
        #expect(reply.queueMicroseconds == 12)
        #expect(reply.serviceMicroseconds == 9)
        #expect(reply.domain == 0)
        #expect(reply.variant == "fp32")
        #expect(reply.reason.isEmpty && reply.downgradeReason.isEmpty && reply.message.isEmpty)
        #expect(reply.outputs.map(\.name) == ["scores"])
        #expect(reply.outputs.first?.datatype == .fp32)
        #expect(reply.outputs.first?.shape == [1, 4])
        #expect(reply.outputs.first?.data.withUnsafeBytes { $0.load(as: Float.self) } == 1.0)
    }

    @Test func readsARefusalWithItsReasonAndMessage() throws {
        let reason = Array("queue_full".utf8)
        let message = Array("class standard: queue full".utf8)
        let header =
            hex("65 73 01 02 2a 00 00 00 00 00 00 00 ad 01 00 00")
            + [UInt8](repeating: 0, count: 16) + [0xff, 0xff, UInt8(reason.count), 0, 0, 0, UInt8(message.count), 0]
            + reason + message
        let reply = try ZeroMQReply(frames: frames([header]))
        #expect(reply.id == 42)
        #expect(reply.status == 429)
        #expect(reply.reason == "queue_full")
        #expect(reply.message == "class standard: queue full")
        #expect(reply.domain == 0xFFFF)
        #expect(reply.outputs.isEmpty)
    }

    @Test func readsADowngradeReason() throws {
        var example = workedExample
        example[0][36] = 8
        example[0] += Array("pressure".utf8)
        #expect(try ZeroMQReply(frames: frames(example)).downgradeReason == "pressure")
    }

    /// One way to break the worked example's reply, and what the error must say.
    enum Breakage: String, CaseIterable, Sendable {
        case wrongKind, byteLeftOver, tooShort, frameMissing, dataTooShort, unknownDatatype

        func apply(to reply: inout [[UInt8]]) {
            switch self {
            case .wrongKind: reply[0][3] = 1
            case .byteLeftOver: reply[0].append(0)
            case .tooShort: reply[0].removeLast(3)
            case .frameMissing: reply.removeLast()
            case .dataTooShort: reply[2].removeLast()
            case .unknownDatatype: reply[1][26] = 0x58
            }
        }

        var message: String {
            switch self {
            case .wrongKind: "reply header: kind 1, not 2"
            case .byteLeftOver: "reply header: 1 bytes after the last field"
            case .tooShort: "reply header: variant needs 4 bytes at offset 40, 1 left (41 bytes)"
            case .frameMissing: "reply 7: 2 frames for 1 outputs (3 expected)"
            case .dataTooShort: "scores: data frame of 15 bytes, [1, 4] FP32 needs 16"
            case .unknownDatatype: "datatype \"XP32\" is not one of the protocol's"
            }
        }
    }

    @Test("a reply that breaks the protocol is refused naming the frame and the field", arguments: Breakage.allCases)
    func refusesABrokenReply(_ breakage: Breakage) throws {
        var reply = workedExample
        breakage.apply(to: &reply)
        let error = #expect(throws: LoadError.self) { try ZeroMQReply(frames: frames(reply)) }
        #expect(error?.kind == .malformedReply)
        #expect(error?.message.contains(breakage.message) == true, "\(breakage): \(String(describing: error))")
        #expect(try ZeroMQReply.requestID(in: frames(reply)) == 7, "the id still ends its request")
    }
}
