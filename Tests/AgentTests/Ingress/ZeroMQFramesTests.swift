import Inference
import Messaging
import Scheduling
import Testing

@testable import Agent

/// The frames of docs/protocol.md: its worked example byte for byte, and
/// every way a request's frames can be wrong, each a `bad_request` naming
/// the frame and the value (or, without the magic, dropped unanswered).
struct ZeroMQFramesTests {
    /// The request of the document's worked example: `sensor-mlp`, id 7,
    /// `critical`, 20 ms, one input `series` FP32 [1, 32] of ones.
    static let exampleRequest: [[UInt8]] = [
        hex(
            """
            65 73 01 01  07 00 00 00 00 00 00 00  20 4e 00 00 00 00 00 00  00 00  01 00  0a 08 00 00
            73 65 6e 73 6f 72 2d 6d 6c 70  63 72 69 74 69 63 61 6c
            """),
        hex("06 04 02 00  01 00 00 00 00 00 00 00  20 00 00 00 00 00 00 00  73 65 72 69 65 73  46 50 33 32"),
        Array(repeating: [0x00, 0x00, 0x80, 0x3F], count: 32).flatMap { $0 },
    ]

    @Test func theDocumentsExampleRequestDecodes() throws {
        let request = try Self.decode(Self.exampleRequest)
        #expect(request.id == 7)
        #expect(request.call.model == "sensor-mlp")
        #expect(request.call.priority == .string("critical"))
        #expect(request.call.timeout == .int(20_000))
        #expect(request.call.allowDowngrade == nil)
        #expect(request.call.minimumVariant == nil)
        #expect(request.call.version == nil)
        #expect(
            request.call.inputs == [Tensor(name: "series", shape: [1, 32], floats: Array(repeating: 1, count: 32))])
    }

    @Test func theDocumentsExampleReplyIsWrittenByteForByte() {
        let output = Tensor(name: "scores", shape: [1, 4], floats: [1, 2, 3, 4])
        let answer = InferenceAnswer(
            outputs: [output], variant: "fp32", downgrade: nil, domain: 0, queueTime: .microseconds(12),
            serviceTime: .microseconds(9), isSynthetic: false)
        let frames = ZeroMQReplyEncoding.encode(answer, id: 7)
        #expect(
            frames[0]
                == Self.hex(
                    """
                    65 73 01 02  07 00 00 00 00 00 00 00  c8 00  01 00  0c 00 00 00 00 00 00 00
                    09 00 00 00 00 00 00 00  00 00  00 04 00 00  00 00  66 70 33 32
                    """))
        #expect(
            frames[1]
                == Self.hex(
                    "06 04 02 00  01 00 00 00 00 00 00 00  04 00 00 00 00 00 00 00  73 63 6f 72 65 73  46 50 33 32"))
        #expect(frames[2] == output.bytes)
        #expect(frames.count == 3)
    }

    @Test func aRefusalIsOneFrameWithTheHTTPStatusTheReasonAndTheNode() throws {
        let frames = ZeroMQReplyEncoding.encode(
            AgentError(.refused(.queueFull), "sensor-mlp: the queue is full"), id: 9, node: "gw-1")
        let header = try #require(frames.first)
        #expect(frames.count == 1)
        #expect(Array(header[12..<14]) == [0xAD, 0x01])
        #expect(Array(header[32..<40]) == [0xFF, 0xFF, 10, 0, 0, 4, 29, 0])
        #expect(String(decoding: header[40...], as: UTF8.self) == "queue_fullgw-1sensor-mlp: the queue is full")
    }

    @Test func anAnswerNamesTheNodeThatRanItBeforeTheMessage() throws {
        var answer = InferenceAnswer(
            outputs: [], variant: "int8", downgrade: .deadline, domain: 1, queueTime: .zero, serviceTime: .zero,
            isSynthetic: false)
        answer.node = "gw-2"
        let header = try #require(ZeroMQReplyEncoding.encode(answer, id: 3).first)
        #expect(Array(header[34..<40]) == [0, 4, 8, 4, 0, 0])
        #expect(String(decoding: header[40...], as: UTF8.self) == "int8deadlinegw-2")
        let read = try header.withUnsafeBytes { try InferReplyHeader(reading: $0, as: AgentError.self) }
        #expect((read.variant, read.downgradeReason, read.node, read.message) == ("int8", "deadline", "gw-2", ""))
    }

    @Test func aLongMessageIsCutAtACharacterBoundary() {
        let message = String(repeating: "é", count: 40_000)
        let header = ZeroMQReplyEncoding.encode(AgentError(.badRequest, message), id: 1, node: "")[0]
        let length = Int(header[38]) | Int(header[39]) << 8
        #expect(length == 65_534)
        #expect(String(validating: header[(40 + 11)...], as: UTF8.self) == String(repeating: "é", count: 32_767))
    }

    @Test func flagsLevelsAndVariantsBecomeTheCallsParameters() throws {
        var frames = Self.exampleRequest
        frames[0] = Self.requestHeader(flags: 1, priority: "2", lowest: "int8", pinned: "fp32")
        let call = try Self.decode(frames).call
        #expect(call.priority == .int(2))
        #expect(call.allowDowngrade == .bool(false))
        #expect(call.minimumVariant == .string("int8"))
        #expect(call.version == "fp32")
        #expect(call.timeout == nil)
    }

    /// Each broken request, and the words its error must contain.
    static let brokenRequests: [(String, [[UInt8]], String)] = {
        var cases: [(String, [[UInt8]], String)] = []
        func with(_ change: (inout [[UInt8]]) -> Void) -> [[UInt8]] {
            var frames = exampleRequest
            change(&frames)
            return frames
        }
        cases.append(("a header cut short", with { $0[0].removeLast(5) }, "request header: priority needs 8 bytes"))
        cases.append(
            ("bytes after the header", with { $0[0].append(0) }, "request header: 1 bytes after the last field"))
        cases.append(("version 2", with { $0[0][2] = 2 }, "version 2 is not supported; this agent speaks version 1"))
        cases.append(("kind 3", with { $0[0][3] = 3 }, "kind 3 is not an infer request"))
        cases.append(("an unknown flag", with { $0[0][20] = 0x05 }, "flags 0x5 set bits other than 0x0001"))
        cases.append(("no inputs", with { $0[0][22] = 0 }, "input count 0"))
        cases.append(("a missing data frame", with { $0.removeLast() }, "1 inputs need 2 frames after the header"))
        cases.append(
            (
                "an extra frame", with { $0.append([1]) },
                "1 inputs need 2 frames after the header (a header and a data frame each), 3 came"
            ))
        cases.append(
            (
                "data shorter than the shape", with { $0[2].removeLast(4) },
                "input 0 data (series): 124 bytes, but shape [1, 32] of FP32 needs 128"
            ))
        cases.append(
            ("data longer than the shape", with { $0[2].append(0) }, "129 bytes, but shape [1, 32] of FP32 needs 128"))
        cases.append(
            (
                "a shape that overflows",
                with { $0[1].replaceSubrange(4..<20, with: hex("ff ff ff ff ff ff ff 7f  ff ff ff ff ff ff ff 7f")) },
                "holds more elements than fit in a 64-bit integer"
            ))
        cases.append(
            (
                "a negative dimension", with { $0[1].replaceSubrange(12..<20, with: hex("ff ff ff ff ff ff ff ff")) },
                "input 0 header: dimension 1 is -1, not 0 or more"
            ))
        cases.append(("rank 40", with { $0[1][2] = 40 }, "rank 40 is more than the limit of 32 dimensions"))
        cases.append(("a reserved byte set", with { $0[1][3] = 1 }, "reserved byte is 1, not 0"))
        cases.append(
            (
                "an unknown datatype", with { $0[1].replaceSubrange(26..<30, with: Array("FP99".utf8)) },
                "datatype \"FP99\" is not one of BOOL"
            ))
        cases.append(
            (
                "a model name that is not UTF-8", with { $0[0][28] = 0xFF },
                "request header: model (10 bytes) is not UTF-8"
            ))
        cases.append(
            (
                "a timeout past Int64", with { $0[0].replaceSubrange(12..<20, with: Array(repeating: 0xFF, count: 8)) },
                "timeout 18446744073709551615 µs"
            ))
        return cases
    }()

    @Test func everyBrokenRequestIsABadRequestNamingTheFrameAndValue() {
        for (what, frames, expected) in Self.brokenRequests {
            do {
                _ = try Self.decode(frames)
                Issue.record("\(what): decoded")
            } catch {
                #expect(error.isAnswered, "\(what)")
                #expect(error.id == 7, "\(what): the reply carries the request id")
                #expect(error.error.kind == .badRequest, "\(what)")
                #expect(error.error.message.contains(expected), "\(what): \(error.error.message)")
            }
        }
    }

    @Test func framesWithoutTheMagicAreDroppedUnanswered() {
        for frames in [[[UInt8]](), [[0x65]], [Array("GET / HTTP/1.1".utf8)], [[0x73, 0x65, 0x01, 0x01]]] {
            do {
                _ = try Self.decode(frames)
                Issue.record("\(frames): decoded")
            } catch {
                #expect(!error.isAnswered, "\(frames)")
            }
        }
    }

    @Test func aHeaderTooShortForTheIDIsAnsweredWithIDZero() {
        for (frame, expected) in [
            ([0x65, 0x73, 0x01, 0x01, 0x07], "request id needs 8 bytes at offset 4, 1 left"),
            ([0x65, 0x73], "version needs 1 bytes at offset 2, 0 left"),
        ] as [([UInt8], String)] {
            do {
                _ = try Self.decode([frame])
                Issue.record("\(frame): decoded")
            } catch {
                #expect(error.isAnswered && error.id == 0)
                #expect(error.error.message.contains(expected), "\(error.error.message)")
            }
        }
    }

    // MARK: Helpers

    static func decode(_ frames: [[UInt8]]) throws(ZeroMQDecodingFailure) -> ZeroMQRequest {
        let joined = frames.flatMap { $0 }
        let result: Result<ZeroMQRequest, ZeroMQDecodingFailure> = joined.withUnsafeBytes { all in
            var buffers: [UnsafeRawBufferPointer] = []
            var start = 0
            for frame in frames {
                buffers.append(UnsafeRawBufferPointer(rebasing: all[start..<start + frame.count]))
                start += frame.count
            }
            return Result { () throws(ZeroMQDecodingFailure) in
                try ZeroMQRequestDecoding.decode(buffers, limits: TensorLimits())
            }
        }
        return try result.get()
    }

    static func requestHeader(flags: UInt16, priority: String, lowest: String, pinned: String) -> [UInt8] {
        var header = hex("65 73 01 01  07 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00")
        header += [UInt8(flags & 0xFF), UInt8(flags >> 8), 1, 0]
        let model = Array("sensor-mlp".utf8)
        header += [UInt8(model.count), UInt8(priority.utf8.count), UInt8(lowest.utf8.count), UInt8(pinned.utf8.count)]
        return header + model + Array(priority.utf8) + Array(lowest.utf8) + Array(pinned.utf8)
    }

    static func hex(_ text: String) -> [UInt8] {
        text.split(whereSeparator: \.isWhitespace).compactMap { UInt8($0, radix: 16) }
    }
}
