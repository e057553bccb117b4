import Inference
public import NIOCore
import Scheduling

/// Writes an inference answer as the Open Inference Protocol's response,
/// with the agent's `edgesched_*` parameters and the binary tensor extension
/// for the outputs the client asked for as binary.
enum InferResponseEncoding {
    /// The body and, when binary outputs follow the JSON, the JSON's length.
    struct Encoded {
        var body: ByteBuffer
        var headerLength: Int?
    }

    static func encode(
        _ answer: InferenceAnswer, model: String, request: DecodedInferRequest
    ) -> Encoded {
        let outputs = answer.outputs.map { tensor in
            ResponseOutput(
                tensor: tensor, binary: request.allOutputsBinary || request.binaryOutputs.contains(tensor.name))
        }
        let encoded = InferenceResponse(
            modelName: model, modelVersion: answer.variant, id: request.call.id,
            parameters: ProtocolViews.responseParameters(answer),
            outputs: outputs
        ).encoded()
        return Encoded(
            body: ByteBuffer(bytes: encoded.bytes), headerLength: encoded.hasBinaryData ? encoded.jsonLength : nil)
    }
}
