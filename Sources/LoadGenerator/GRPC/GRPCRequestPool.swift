import Foundation
import OpenInferenceGRPC
import SwiftProtobuf

/// The `ModelInferRequest`s of a run over gRPC, built once before it
/// starts: for each class a few with different random inputs in
/// `raw_input_contents` (as tritonclient sends them), with the class's
/// parameters, so sending one is a reference to a ready message.
///
/// Invariant: every class has at least one request.
struct GRPCRequestPool: Sendable {
    private let requests: [[Inference_ModelInferRequest]]

    /// Builds the pool for `plan` from `metadata`, values drawn from the plan's seed.
    init(plan: LoadPlan, metadata: ModelMetadata, source: String) throws(LoadError) {
        let sets = try TensorValues.sets(for: metadata.inputs, plan: plan, bytesPerByte: 1, source: source)
        requests = plan.classes.enumerated().map { classIndex, trafficClass in
            let parameters = Self.parameters(RequestBody.Parameters(plan: plan, classIndex: classIndex))
            return sets.enumerated().map { setIndex, inputs in
                .with { request in
                    request.modelName = plan.model
                    request.id = "\(trafficClass.name)-\(setIndex)"
                    request.parameters = parameters
                    request.inputs = inputs.map { input in
                        .with {
                            $0.name = input.tensor.name
                            $0.datatype = input.tensor.datatype
                            $0.shape = input.tensor.shape.map { Int64($0) }
                        }
                    }
                    request.rawInputContents = inputs.map { Data($0.bytes) }
                }
            }
        }
    }

    /// The request for the `sequence`-th arrival of class `classIndex`: the sets taken in turn.
    func request(classIndex: Int, sequence: Int) -> Inference_ModelInferRequest {
        let messages = requests[classIndex]
        return messages[sequence % messages.count]
    }

    /// The class's parameters as the protocol's typed values, as HTTP's body writes them in JSON.
    private static func parameters(_ parameters: RequestBody.Parameters) -> [String: Inference_InferParameter] {
        var typed: [String: Inference_InferParameter] = [:]
        switch parameters.priority {
        case .name(let name): typed["priority"] = .with { $0.stringParam = name }
        case .level(let level): typed["priority"] = .with { $0.int64Param = Int64(level) }
        case nil: break
        }
        if let timeout = parameters.timeoutMicroseconds { typed["timeout"] = .with { $0.int64Param = timeout } }
        if !parameters.allowDowngrade { typed["edgesched_allow_downgrade"] = .with { $0.boolParam = false } }
        if let lowest = parameters.lowestVariant { typed["edgesched_min_variant"] = .with { $0.stringParam = lowest } }
        for extra in parameters.extra {
            typed[extra.name] = .with {
                if let flag = Bool(extra.text) {
                    $0.boolParam = flag
                } else if let integer = Int64(extra.text) {
                    $0.int64Param = integer
                } else if extra.json == extra.text, let number = Double(extra.text) {
                    $0.doubleParam = number
                } else {
                    $0.stringParam = extra.text
                }
            }
        }
        return typed
    }
}
