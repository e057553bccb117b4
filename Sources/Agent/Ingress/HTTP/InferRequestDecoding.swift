import Foundation
import Inference

/// The Open Inference Protocol request body, JSON or with the binary tensor
/// extension, decoded into an ``InferenceCall`` and the output choices.
struct DecodedInferRequest {
    var call: InferenceCall
    /// Outputs the client wants as binary data (`binary_data: true`), or all with `binary_data_output`.
    var binaryOutputs: Set<String>
    var allOutputsBinary: Bool
}

enum InferRequestDecoding {
    /// Decodes `body`; `headerLength` is the `Inference-Header-Content-Length`
    /// (the JSON part), nil when the whole body is JSON.
    static func decode(_ body: [UInt8], headerLength: Int?, model: String) throws(AgentError) -> DecodedInferRequest {
        let jsonLength = headerLength ?? body.count
        guard jsonLength >= 0, jsonLength <= body.count else {
            throw AgentError(
                .badRequest,
                "Inference-Header-Content-Length \(jsonLength) is past the end of the \(body.count)-byte body")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(body[..<jsonLength])) as? [String: Any]
            else {
                throw AgentError(.badRequest, "the request body is not a JSON object {\"inputs\": [...]}")
            }
            object = parsed
        } catch let error as AgentError {
            throw error
        } catch {
            throw AgentError(.badRequest, "the request body is not valid JSON")
        }
        var binary = body[jsonLength...]
        var rewritten = object
        if var inputs = object["inputs"] as? [[String: Any]] {
            for index in inputs.indices {
                guard let parameters = inputs[index]["parameters"] as? [String: Any],
                    let size = (parameters["binary_data_size"] as? NSNumber)?.intValue
                else { continue }
                guard size >= 0, size <= binary.count else {
                    throw AgentError(
                        .badRequest,
                        "inputs[\(index)]: binary_data_size \(size) is past the \(binary.count) bytes left in the body")
                }
                inputs[index]["data"] = Array(binary.prefix(size))
                binary = binary.dropFirst(size)
            }
            rewritten["inputs"] = inputs
        }
        guard binary.isEmpty else {
            throw AgentError(.badRequest, "\(binary.count) bytes after the last binary tensor belong to no input")
        }
        return try decodeObject(rewritten, model: model)
    }

    private static func decodeObject(_ object: [String: Any], model: String) throws(AgentError) -> DecodedInferRequest {
        guard let inputs = object["inputs"] as? [[String: Any]] else {
            throw AgentError(.badRequest, "the request has no \"inputs\" list")
        }
        var tensors: [Tensor] = []
        for (index, input) in inputs.enumerated() {
            tensors.append(try tensor(input, index: index))
        }
        var call = InferenceCall(model: model, id: object["id"] as? String, inputs: tensors)
        let parameters = object["parameters"] as? [String: Any] ?? [:]
        call.priority = parameter(parameters["priority"])
        call.timeout = parameter(parameters["timeout"])
        call.allowDowngrade = parameter(parameters["edgesched_allow_downgrade"])
        call.minimumVariant = parameter(parameters["edgesched_min_variant"])
        let outputs = object["outputs"] as? [[String: Any]] ?? []
        let binaryOutputs = outputs.compactMap { output -> String? in
            guard let name = output["name"] as? String,
                (output["parameters"] as? [String: Any])?["binary_data"] as? Bool == true
            else { return nil }
            return name
        }
        return DecodedInferRequest(
            call: call, binaryOutputs: Set(binaryOutputs),
            allOutputsBinary: parameters["binary_data_output"] as? Bool == true)
    }

    private static func tensor(_ input: [String: Any], index: Int) throws(AgentError) -> Tensor {
        let key = "inputs[\(index)]"
        guard let name = input["name"] as? String else { throw AgentError(.badRequest, "\(key): needs a \"name\"") }
        guard let datatypeText = input["datatype"] as? String, let datatype = TensorDataType(rawValue: datatypeText)
        else {
            throw AgentError(
                .badRequest, "\(key) (\(name)): datatype is missing or not an Open Inference Protocol type")
        }
        guard let shapeList = input["shape"] as? [NSNumber] else {
            throw AgentError(.badRequest, "\(key) (\(name)): shape must be a list of integers")
        }
        var shape: [Int] = []
        var count = 1
        for dimension in shapeList {
            let value = dimension.intValue
            guard value >= 0, Double(value) == dimension.doubleValue else {
                throw AgentError(.badRequest, "\(key) (\(name)): shape \(shapeList) has \(dimension), not a size")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: value)
            guard !overflow, product <= 1 << 28 else {
                throw AgentError(.badRequest, "\(key) (\(name)): shape \(shapeList) is too large")
            }
            count = product
            shape.append(value)
        }
        if let bytes = input["data"] as? [UInt8] {
            return Tensor(name: name, datatype: datatype, shape: shape, bytes: bytes)
        }
        var numbers: [Double] = []
        guard flatten(input["data"] ?? [], into: &numbers) else {
            throw AgentError(.badRequest, "\(key) (\(name)): data must be a (nested) list of numbers")
        }
        guard numbers.count == count else {
            throw AgentError(.badRequest, "\(key) (\(name)): \(numbers.count) values for shape \(shape)")
        }
        guard let tensor = Tensor(name: name, datatype: datatype, shape: shape, numbers: numbers) else {
            throw AgentError(.badRequest, "\(key) (\(name)): a value does not fit \(datatype.rawValue)")
        }
        return tensor
    }

    private static func flatten(_ value: Any, into numbers: inout [Double]) -> Bool {
        if let list = value as? [Any] {
            return list.allSatisfy { flatten($0, into: &numbers) }
        }
        guard let number = value as? NSNumber else { return false }
        numbers.append(number.doubleValue)
        return true
    }

    private static func parameter(_ value: Any?) -> InferenceCall.Parameter? {
        switch value {
        case let text as String: .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                .boolean(number.boolValue)
            } else if Double(number.intValue) == number.doubleValue {
                .integer(number.intValue)
            } else {
                .number(number.doubleValue)
            }
        default: nil
        }
    }
}
