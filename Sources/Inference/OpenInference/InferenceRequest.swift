/// An Open Inference Protocol v2 infer request as the agent takes it: the
/// request `id` to echo, its `parameters`, its input tensors (already in the
/// bytes the runtime reads) and the outputs asked for.
public struct InferenceRequest: Hashable, Sendable {
    /// The client's `id`, echoed in the response; nil when the request has none.
    public var id: String?
    /// The request's `parameters` (Triton's `priority`, `timeout`, …), by name.
    public var parameters: [String: InferenceParameter]
    /// The input tensors in the order the body gives them.
    public var inputs: [RequestInput]
    /// The outputs asked for; empty means every output, as JSON.
    public var outputs: [RequestedOutput]

    /// A request from its parts; ``InferenceRequestDecoder`` reads one from a body.
    public init(
        id: String? = nil, parameters: [String: InferenceParameter] = [:], inputs: [RequestInput],
        outputs: [RequestedOutput] = []
    ) {
        self.id = id
        self.parameters = parameters
        self.inputs = inputs
        self.outputs = outputs
    }

    /// The input tensors, for ``ModelManifest/check(_:)`` and the runtime.
    public var tensors: [Tensor] {
        inputs.map(\.tensor)
    }
}

/// One entry of a request's `inputs`.
public struct RequestInput: Hashable, Sendable {
    /// The tensor; its bytes are empty while ``binaryDataSize`` waits to be filled.
    public var tensor: Tensor
    /// The input's own `parameters`.
    public var parameters: [String: InferenceParameter]
    /// The `binary_data_size` parameter of the binary tensor extension: the
    /// tensor's bytes follow the JSON part of the body, in input order, and
    /// ``InferenceRequest/attachBinaryData(_:)`` moves them in.
    public var binaryDataSize: Int?

    /// An input from its parts.
    public init(tensor: Tensor, parameters: [String: InferenceParameter] = [:], binaryDataSize: Int? = nil) {
        self.tensor = tensor
        self.parameters = parameters
        self.binaryDataSize = binaryDataSize
    }
}

/// One entry of a request's `outputs`: an output the client wants, and how.
public struct RequestedOutput: Hashable, Sendable {
    /// The output tensor's name.
    public var name: String
    /// The output's `parameters`.
    public var parameters: [String: InferenceParameter]

    /// An output request from its parts.
    public init(name: String, parameters: [String: InferenceParameter] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The `binary_data` parameter: answer this output in the binary tensor extension.
    public var binaryData: Bool {
        parameters["binary_data"] == .bool(true)
    }
}
