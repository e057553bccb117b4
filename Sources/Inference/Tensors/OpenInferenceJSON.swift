import Foundation

/// Tensors as the Open Inference Protocol (KServe v2) writes them in JSON:
/// `{"name", "datatype", "shape", "data"}`, data flat in row-major order (a
/// nested list is flattened).
public enum OpenInferenceJSON {
    /// The tensors of a request body `{"inputs": [...]}`.
    public static func inputs(from bytes: [UInt8], source: String) throws(InferenceError) -> [Tensor] {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw InferenceError(.invalidInput, "\(source): not JSON: \(error.localizedDescription)")
        }
        guard let object = document as? [String: Any], let list = object["inputs"] as? [Any] else {
            throw InferenceError(
                .invalidInput, "\(source): expected {\"inputs\": [{\"name\", \"datatype\", \"shape\", \"data\"}, …]}")
        }
        var tensors: [Tensor] = []
        for (index, item) in list.enumerated() {
            let key = "\(source): inputs[\(index)]"
            guard let tensor = item as? [String: Any], let name = tensor["name"] as? String else {
                throw InferenceError(.invalidInput, "\(key): needs a \"name\"")
            }
            guard let datatypeText = tensor["datatype"] as? String,
                let datatype = TensorDataType(rawValue: datatypeText)
            else {
                let known = TensorDataType.allCases.map(\.rawValue).joined(separator: ", ")
                throw InferenceError(
                    .invalidInput,
                    "\(key) (\(name)): datatype \(String(describing: tensor["datatype"] ?? "missing")) is not one of \(known)"
                )
            }
            guard let shape = (tensor["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                shape.count == (tensor["shape"] as? [Any])?.count
            else {
                throw InferenceError(.invalidInput, "\(key) (\(name)): shape must be a list of integers")
            }
            var numbers: [Double] = []
            guard flatten(tensor["data"] ?? [], into: &numbers) else {
                throw InferenceError(.invalidInput, "\(key) (\(name)): data must be a (nested) list of numbers")
            }
            guard shape.allSatisfy({ $0 >= 0 }), numbers.count == shape.reduce(1, *) else {
                throw InferenceError(.invalidInput, "\(key) (\(name)): \(numbers.count) values for shape \(shape)")
            }
            guard let value = Tensor(name: name, datatype: datatype, shape: shape, numbers: numbers) else {
                throw InferenceError(.invalidInput, "\(key) (\(name)): a value does not fit \(datatype.rawValue)")
            }
            tensors.append(value)
        }
        return tensors
    }

    /// A response body: `{"model_name", "model_version", "outputs": [...]}`,
    /// with `"parameters": {"synthetic": true}` for a synthetic variant.
    public static func response(model: String, variant: String, outputs: [Tensor], synthetic: Bool) -> String {
        var object: [String: Any] = [
            "model_name": model,
            "model_version": variant,
            "outputs": outputs.map { tensor in
                [
                    "name": tensor.name, "datatype": tensor.datatype.rawValue, "shape": tensor.shape,
                    "data": tensor.numbers,
                ] as [String: Any]
            },
        ]
        if synthetic {
            object["parameters"] = ["synthetic": true]
        }
        return text(object)
    }

    /// A request body for `inputs` (what `--input` reads).
    public static func request(_ inputs: [Tensor]) -> String {
        text([
            "inputs": inputs.map { tensor in
                [
                    "name": tensor.name, "datatype": tensor.datatype.rawValue, "shape": tensor.shape,
                    "data": tensor.numbers,
                ] as [String: Any]
            }
        ])
    }

    private static func text(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func flatten(_ value: Any, into numbers: inout [Double]) -> Bool {
        if let list = value as? [Any] {
            return list.allSatisfy { flatten($0, into: &numbers) }
        }
        if let number = value as? NSNumber {
            numbers.append(number.doubleValue)
            return true
        }
        return false
    }
}

extension ModelManifest {
    /// Inputs of the manifest's shapes (-1 taken as 1) filled with seeded
    /// values: floats uniform in [-1, 1), integers in 0..<10.
    public func randomInputs(seed: UInt64) -> [Tensor] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return inputs.map { spec in
            let shape = spec.shape.map { $0 == -1 ? 1 : $0 }
            let count = shape.reduce(1, *)
            let numbers: [Double] = (0..<count).map { _ in
                switch spec.datatype {
                case .fp16, .fp32, .fp64: Double(next() >> 11) / Double(1 << 53) * 2 - 1
                case .bool: Double(next() % 2)
                default: Double(next() % 10)
                }
            }
            return Tensor(name: spec.name, datatype: spec.datatype, shape: shape, numbers: numbers)
                ?? Tensor(name: spec.name, datatype: spec.datatype, shape: shape, bytes: [])
        }
    }
}
