import Foundation
import Inference
import OpenInferenceGRPC
import Scheduling
import SwiftProtobuf

/// Writes an inference answer as a `ModelInferResponse`: every output's
/// bytes in `raw_output_contents` (what tritonclient's `as_numpy` reads), and
/// the same `edgesched_*` parameters as over HTTP.
enum GRPCInferResponseEncoding {
    static func encode(_ answer: InferenceAnswer, model: String, id: String) -> Inference_ModelInferResponse {
        var response = Inference_ModelInferResponse()
        response.modelName = model
        response.modelVersion = answer.variant
        response.id = id
        response.parameters = [
            "edgesched_variant": .string(answer.variant),
            "edgesched_queue_us": .int(answer.queueTime.wholeMicroseconds),
            "edgesched_service_us": .int(answer.serviceTime.wholeMicroseconds),
            "edgesched_domain": .int(Int64(answer.domain)),
        ]
        if let downgrade = answer.downgrade {
            response.parameters["edgesched_downgrade_reason"] = .string(downgrade.rawValue)
        }
        if !answer.node.isEmpty {
            response.parameters["edgesched_node"] = .string(answer.node)
        }
        if answer.isSynthetic {
            response.parameters["synthetic"] = .bool(true)
        }
        response.outputs = answer.outputs.map { tensor in
            var output = Inference_ModelInferResponse.InferOutputTensor()
            output.name = tensor.name
            output.datatype = tensor.datatype.rawValue
            output.shape = tensor.shape.map { Int64($0) }
            return output
        }
        response.rawOutputContents = answer.outputs.map { Data($0.bytes) }
        return response
    }
}

extension Inference_InferParameter {
    fileprivate static func string(_ value: String) -> Self { Self.with { $0.stringParam = value } }
    fileprivate static func int(_ value: Int64) -> Self { Self.with { $0.int64Param = value } }
    fileprivate static func bool(_ value: Bool) -> Self { Self.with { $0.boolParam = value } }
}
