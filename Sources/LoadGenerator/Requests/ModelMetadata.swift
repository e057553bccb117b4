import Foundation

/// The part of a model's Open Inference Protocol metadata
/// (`GET /v2/models/NAME`) the generator builds requests from.
public struct ModelMetadata: Hashable, Sendable {
    /// One input or output tensor as the metadata describes it.
    public struct Tensor: Hashable, Sendable {
        /// The tensor's name.
        public var name: String
        /// Its datatype, as the protocol spells it (`FP32`, `INT64`, …).
        public var datatype: String
        /// Its shape; `-1` marks a variable dimension.
        public var shape: [Int]

        /// A tensor named `name` of `datatype` and `shape`.
        public init(name: String, datatype: String, shape: [Int]) {
            self.name = name
            self.datatype = datatype
            self.shape = shape
        }
    }

    /// The model's name as the server reports it.
    public var name: String
    /// The inputs every request must carry.
    public var inputs: [Tensor]
    /// The outputs, asked for as binary when tensors travel binary.
    public var outputs: [Tensor]

    /// Metadata with `inputs` and `outputs`.
    public init(name: String, inputs: [Tensor], outputs: [Tensor]) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Reads the metadata document `bytes` served for `model` at `source`.
    /// - Throws: ``LoadError/Kind/unusableMetadata`` naming the member that is missing or malformed.
    public init(parsing bytes: [UInt8], model: String, source: String) throws(LoadError) {
        func unusable(_ problem: String) -> LoadError {
            LoadError(.unusableMetadata, "\(source): metadata of model \"\(model)\": \(problem)")
        }
        guard let document = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw unusable("not a JSON object")
        }
        func tensors(_ key: String) throws(LoadError) -> [Tensor] {
            guard let list = document[key] as? [[String: Any]] else {
                throw unusable("\"\(key)\" is missing or not an array of objects")
            }
            var result: [Tensor] = []
            for (position, entry) in list.enumerated() {
                guard let name = entry["name"] as? String, let datatype = entry["datatype"] as? String,
                    let shape = entry["shape"] as? [Int]
                else {
                    throw unusable("\(key)[\(position)] needs \"name\", \"datatype\" and an integer \"shape\"")
                }
                result.append(Tensor(name: name, datatype: datatype, shape: shape))
            }
            return result
        }
        let inputs = try tensors("inputs")
        guard !inputs.isEmpty else { throw unusable("\"inputs\" is empty") }
        let outputs = document["outputs"] == nil ? [] : try tensors("outputs")
        self.init(name: document["name"] as? String ?? model, inputs: inputs, outputs: outputs)
    }
}
