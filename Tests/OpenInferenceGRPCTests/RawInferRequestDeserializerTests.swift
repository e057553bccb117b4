import Foundation
import GRPCCore
import OpenInferenceGRPC
import SwiftProtobuf
import TestFixtures
import Testing

@Suite struct RawInferRequestDeserializerTests {
    private let deserializer = RawInferRequestDeserializer()

    @Test func rawInputContentsComeOutAsTheBytesSentAndTheRestAsTheMessage() throws {
        let request = Self.request(rawInputs: [[1, 2, 3, 4], Array(repeating: 7, count: 300)])
        let raw = try deserializer.deserialize(try request.serializedBytes() as [UInt8])
        #expect(raw.rawInputContents == [[1, 2, 3, 4], Array(repeating: 7, count: 300)])
        var withoutRaw = request
        withoutRaw.rawInputContents = []
        #expect(raw.message == withoutRaw)
    }

    @Test func fieldsAroundAndBetweenTheRawContentsReadAsTheGeneratedMessageReadsThem() throws {
        var bytes: [UInt8] = []
        bytes += [0x3a, 2, 0xaa, 0xbb]  // raw_input_contents
        bytes += [0x0a, 1] + Array("a".utf8)  // model_name "a"
        bytes += [0x3a, 0]  // an empty raw_input_contents
        bytes += [0x38, 5]  // field 7 as a varint: not raw contents, an unknown field
        bytes += [0x9d, 0x06, 1, 2, 3, 4]  // field 99, fixed32
        bytes += [0xa1, 0x06, 1, 2, 3, 4, 5, 6, 7, 8]  // field 100, fixed64
        bytes += [0xab, 0x06, 0x08, 0x01, 0xac, 0x06]  // field 101, a group holding a varint
        bytes += [0x0a, 1] + Array("b".utf8)  // model_name again: the last one counts
        let raw = try deserializer.deserialize(bytes)
        let generated = try Inference_ModelInferRequest(serializedBytes: bytes)
        #expect(raw.rawInputContents == [[0xaa, 0xbb], []])
        #expect(raw.rawInputContents == generated.rawInputContents.map { [UInt8]($0) })
        var withoutRaw = generated
        withoutRaw.rawInputContents = []
        #expect(raw.message == withoutRaw)
        #expect(raw.message.modelName == "b")
    }

    @Test(
        arguments: [
            ([0x3a, 5, 1, 2], "claims 5 bytes"),
            ([0x0a], "cut off"),
            ([0x3a, 0x80], "cut off"),
            ([0x0f, 1], "wire type 7"),
            ([0x02, 0], "field number 0"),
            ([0xab, 0x06, 0x08, 0x01], "never ends"),
            ([0xac, 0x06], "never started"),
            ([0xab, 0x06, 0xb4, 0x06], "ends as field 102"),
        ] as [([UInt8], String)])
    func malformedBytesAreAnInvalidArgumentSayingWhere(bytes: [UInt8], problem: String) throws {
        let error = try #require(throws: RPCError.self) { try deserializer.deserialize(bytes) }
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("ModelInferRequest is not valid protobuf"))
        #expect(error.message.contains(problem), "\(error.message)")
    }

    /// Random requests, cut short or with a byte changed: the raw reader
    /// accepts exactly what the generated message accepts, and reads it the same.
    @Test func anyDamageIsReadAsTheGeneratedMessageReadsIt() throws {
        var generator = TestSeed.generator(for: "anyDamageIsReadAsTheGeneratedMessageReadsIt")
        for _ in 0..<3_000 {
            let rawInputs = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator)
                }
            }
            var bytes: [UInt8] = try Self.request(rawInputs: rawInputs).serializedBytes()
            if Bool.random(using: &generator) {
                bytes.removeLast(Int.random(in: 0...bytes.count, using: &generator))
            } else if !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let generated = try? Inference_ModelInferRequest(serializedBytes: bytes)
            let raw = try? deserializer.deserialize(bytes)
            #expect((generated == nil) == (raw == nil), "\(bytes)")
            if let generated, let raw {
                var withoutRaw = generated
                withoutRaw.rawInputContents = []
                #expect(raw.message == withoutRaw, "\(bytes)")
                #expect(raw.rawInputContents == generated.rawInputContents.map { [UInt8]($0) }, "\(bytes)")
            }
        }
    }

    static func request(rawInputs: [[UInt8]]) -> Inference_ModelInferRequest {
        .with {
            $0.modelName = "vision"
            $0.modelVersion = "int8"
            $0.id = "request-1"
            $0.parameters["priority"] = .with { $0.uint64Param = 2 }
            $0.parameters["timeout"] = .with { $0.int64Param = 50_000 }
            $0.inputs = rawInputs.indices.map { index in
                .with {
                    $0.name = "input-\(index)"
                    $0.datatype = "UINT8"
                    $0.shape = [1, Int64(rawInputs[index].count)]
                }
            }
            $0.outputs = [.with { $0.name = "output" }]
            $0.rawInputContents = rawInputs.map { Data($0) }
        }
    }
}
