import Foundation
import OpenInferenceGRPC
import SwiftProtobuf
import TestFixtures
import Testing

@Suite struct RawInferResponseSerializerTests {
    /// Sizes whose lengths take one, two and three varint bytes.
    private static let outputSizes = [0, 1, 127, 128, 16_383, 16_384, 70_000]

    @Test func aResponseReadsBackAsTheGeneratedMessageWithItsRawOutputs() throws {
        let outputs = Self.outputSizes.map { size in (0..<size).map { UInt8(truncatingIfNeeded: $0 * 31) } }
        let response = RawInferResponse(message: Self.message(outputs: outputs.count), rawOutputContents: outputs)
        let bytes: [UInt8] = try RawInferResponseSerializer().serialize(response)
        var expected = response.message
        expected.rawOutputContents = outputs.map { Data($0) }
        #expect(try Inference_ModelInferResponse(serializedBytes: bytes) == expected)
    }

    @Test(arguments: ["", "model_unavailable: vision is not loaded"])
    func aStreamAnswerReadsBackAsTheGeneratedMessage(errorMessage: String) throws {
        let outputs: [[UInt8]] = errorMessage.isEmpty ? [[1, 2, 3], Array(repeating: 9, count: 200)] : []
        let answer = RawStreamInferResponse(
            errorMessage: errorMessage,
            response: RawInferResponse(message: Self.message(outputs: outputs.count), rawOutputContents: outputs))
        let bytes: [UInt8] = try RawStreamInferResponseSerializer().serialize(answer)
        let expected = Inference_ModelStreamInferResponse.with {
            $0.errorMessage = errorMessage
            $0.inferResponse = answer.response.message
            $0.inferResponse.rawOutputContents = outputs.map { Data($0) }
        }
        #expect(try Inference_ModelStreamInferResponse(serializedBytes: bytes) == expected)
    }

    @Test func randomResponsesReadBackAsTheGeneratedMessage() throws {
        var generator = TestSeed.generator(for: "randomResponsesReadBackAsTheGeneratedMessage")
        for _ in 0..<500 {
            let outputs = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                let size = Self.outputSizes.randomElement(using: &generator)! + Int.random(in: 0...3, using: &generator)
                return [UInt8](repeating: UInt8.random(in: 0...255, using: &generator), count: size)
            }
            let response = RawInferResponse(message: Self.message(outputs: outputs.count), rawOutputContents: outputs)
            let bytes: [UInt8] = try RawInferResponseSerializer().serialize(response)
            #expect(
                try Inference_ModelInferResponse(serializedBytes: bytes).rawOutputContents.map { [UInt8]($0) }
                    == outputs)
        }
    }

    static func message(outputs: Int) -> Inference_ModelInferResponse {
        .with {
            $0.modelName = "vision"
            $0.modelVersion = "fp32"
            $0.id = "request-1"
            $0.parameters["edgesched_variant"] = .with { $0.stringParam = "fp32" }
            $0.outputs = (0..<outputs).map { index in
                .with {
                    $0.name = "output-\(index)"
                    $0.datatype = "UINT8"
                    $0.shape = [Int64(index)]
                }
            }
        }
    }
}
