import Topology

/// An Open Inference Protocol v2 infer response: the model and variant that
/// answered, the request's `id`, `parameters` (the agent's
/// `edgesched_variant`, …) and the outputs, each as JSON `data` or as a
/// binary tensor after the JSON.
public struct InferenceResponse: Hashable, Sendable {
    /// The model's name.
    public var modelName: String
    /// The variant that ran, as the protocol's `model_version`.
    public var modelVersion: String
    /// The request's `id`, echoed; nil when it had none.
    public var id: String?
    /// The response's `parameters`.
    public var parameters: [String: InferenceParameter]
    /// The outputs, in the order written.
    public var outputs: [ResponseOutput]

    /// A response from its parts.
    public init(
        modelName: String, modelVersion: String, id: String? = nil, parameters: [String: InferenceParameter] = [:],
        outputs: [ResponseOutput]
    ) {
        self.modelName = modelName
        self.modelVersion = modelVersion
        self.id = id
        self.parameters = parameters
        self.outputs = outputs
    }

    /// The body: `{"id","model_name","model_version","parameters","outputs"}`,
    /// then the binary outputs' bytes in output order. The buffer is sized once
    /// from the tensors before anything is written.
    public func encoded() -> EncodedBody {
        var capacity = 128 + modelName.utf8.count + modelVersion.utf8.count + (id?.utf8.count ?? 0) * 6
        capacity += parameters.count * 64
        for output in outputs {
            capacity += 128 + output.tensor.name.utf8.count * 6 + output.tensor.shape.count * 21
            capacity += output.binary ? output.tensor.bytes.count : JSONWriter.dataCapacity(of: output.tensor)
        }
        var writer = JSONWriter(capacity: capacity)
        writer.byte(UInt8(ascii: "{"))
        writer.idMember(id)
        writer.key("model_name")
        writer.string(modelName)
        writer.raw(",\"model_version\":")
        writer.string(modelVersion)
        if !parameters.isEmpty {
            writer.raw(",\"parameters\":")
            writer.parameters(parameters)
        }
        writer.raw(",\"outputs\":[")
        for (index, output) in outputs.enumerated() {
            if index > 0 { writer.byte(UInt8(ascii: ",")) }
            output.write(into: &writer)
        }
        writer.raw("]}")
        let jsonLength = writer.bytes.count
        for output in outputs where output.binary {
            writer.append(output.tensor.bytes)
        }
        return EncodedBody(bytes: writer.bytes, jsonLength: jsonLength)
    }
}

/// A response body and where its JSON ends (the binary tensor extension's
/// `Inference-Header-Content-Length`, needed only when ``hasBinaryData``).
public struct EncodedBody: Hashable, Sendable {
    /// The whole body.
    public var bytes: [UInt8]
    /// The length of the JSON part.
    public var jsonLength: Int

    /// A body from its parts.
    public init(bytes: [UInt8], jsonLength: Int) {
        self.bytes = bytes
        self.jsonLength = jsonLength
    }

    /// Whether binary tensors follow the JSON.
    public var hasBinaryData: Bool { jsonLength < bytes.count }
}

/// One output of a response.
public struct ResponseOutput: Hashable, Sendable {
    /// The tensor.
    public var tensor: Tensor
    /// The output's own `parameters` (`binary_data_size` is added for a binary output).
    public var parameters: [String: InferenceParameter]
    /// Whether it is sent as a binary tensor after the JSON rather than as `data`.
    public var binary: Bool

    /// An output from its parts.
    public init(tensor: Tensor, parameters: [String: InferenceParameter] = [:], binary: Bool = false) {
        self.tensor = tensor
        self.parameters = parameters
        self.binary = binary
    }

    func write(into writer: inout JSONWriter) {
        writer.raw("{\"name\":")
        writer.string(tensor.name)
        writer.raw(",\"datatype\":")
        writer.string(tensor.datatype.rawValue)
        writer.byte(UInt8(ascii: ","))
        writer.shape(tensor.shape)
        var parameters = parameters
        if binary {
            parameters["binary_data_size"] = .int(Int64(tensor.bytes.count))
        }
        if !parameters.isEmpty {
            writer.raw(",\"parameters\":")
            writer.parameters(parameters)
        }
        if !binary {
            writer.raw(",\"data\":")
            writer.data(of: tensor)
        }
        writer.byte(UInt8(ascii: "}"))
    }
}
