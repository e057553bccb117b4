import Inference
import OpenInferenceGRPC
import Scheduling
import SwiftProtobuf

/// Writes an inference answer as a `ModelInferResponse`: every output's
/// bytes in `raw_output_contents` (the runtime's arrays, written out by
/// ``RawInferResponseSerializer``) (what tritonclient's `as_numpy` reads), and
/// the same `edgesched_*` parameters as over HTTP (``ProtocolViews``).
enum GRPCInferResponseEncoding {
    static func encode(_ answer: InferenceAnswer, model: String, id: String) -> RawInferResponse {
        var response = Inference_ModelInferResponse()
        response.modelName = model
        response.modelVersion = answer.variant
        response.id = id
        response.parameters = ProtocolViews.responseParameters(answer).mapValues(Inference_InferParameter.init)
        response.outputs = answer.outputs.map { tensor in
            var output = Inference_ModelInferResponse.InferOutputTensor()
            output.name = tensor.name
            output.datatype = tensor.datatype.rawValue
            output.shape = tensor.shape.map { Int64($0) }
            return output
        }
        return RawInferResponse(message: response, rawOutputContents: answer.outputs.map(\.bytes))
    }
}

extension Inference_InferParameter {
    /// The protocol's typed value for a parameter the agent answers with.
    fileprivate init(_ parameter: InferenceParameter) {
        self.init()
        switch parameter {
        case .string(let value): stringParam = value
        case .int(let value): int64Param = value
        case .double(let value): doubleParam = value
        case .bool(let value): boolParam = value
        }
    }
}
