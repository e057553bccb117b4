import Inference
import OpenInferenceGRPC

/// Decodes a `ModelInferRequest` into the call the agent resolves: tensors
/// from `raw_input_contents` (as tritonclient sends them; the arrays the
/// wire was read into become the tensors' bytes) or from the typed
/// `contents` lists (as some KServe clients do), and the same parameters as
/// over HTTP.
enum GRPCInferRequestDecoding {
    static func decode(_ raw: RawInferRequest, clientDeadline: Duration?, maximumTensorBytes: Int)
        throws(AgentError) -> InferenceCall
    {
        let request = raw.message
        let model = request.modelName
        let rawBytes = raw.rawInputContents.reduce(0) { $0 + $1.count }
        guard rawBytes <= maximumTensorBytes else {
            throw AgentError(
                .bodyTooLarge,
                "\(model): \(rawBytes) bytes of raw_input_contents are over the limit of \(maximumTensorBytes) "
                    + "(limits.max_body_bytes)")
        }
        guard raw.rawInputContents.isEmpty || raw.rawInputContents.count == request.inputs.count else {
            throw AgentError(
                .badRequest,
                "\(model): \(raw.rawInputContents.count) raw_input_contents for \(request.inputs.count) inputs")
        }
        var inputs: [Tensor] = []
        inputs.reserveCapacity(request.inputs.count)
        for (index, input) in request.inputs.enumerated() {
            guard let datatype = TensorDataType(rawValue: input.datatype) else {
                throw AgentError(
                    .badRequest,
                    "\(model): input \"\(input.name)\": datatype \"\(input.datatype)\" is not one the agent serves")
            }
            let bytes =
                raw.rawInputContents.isEmpty
                ? try contentsBytes(input.contents, datatype: datatype, input: input.name, model: model)
                : raw.rawInputContents[index]
            inputs.append(
                Tensor(name: input.name, datatype: datatype, shape: input.shape.map { Int($0) }, bytes: bytes))
        }
        var call = InferenceCall(
            model: model, id: request.id.isEmpty ? nil : request.id, inputs: inputs, ingress: .grpc)
        call.version = request.modelVersion.isEmpty ? nil : request.modelVersion
        call.clientDeadline = clientDeadline
        call.priority = try parameter(request.parameters["priority"], named: "priority")
        call.timeout = try parameter(request.parameters["timeout"], named: "timeout")
        call.allowDowngrade = try parameter(
            request.parameters["edgesched_allow_downgrade"], named: "edgesched_allow_downgrade")
        call.minimumVariant = try parameter(request.parameters["edgesched_min_variant"], named: "edgesched_min_variant")
        return call
    }

    /// A parameter as the agent reads it; Triton's `uint64_param` (how
    /// tritonclient sends `priority`) as an integer.
    static func parameter(_ parameter: Inference_InferParameter?, named name: String) throws(AgentError)
        -> InferenceParameter?
    {
        switch parameter?.parameterChoice {
        case .none: return nil
        case .boolParam(let value): return .bool(value)
        case .int64Param(let value): return .int(value)
        case .stringParam(let value): return .string(value)
        case .doubleParam(let value): return .double(value)
        case .uint64Param(let value):
            guard let value = Int64(exactly: value) else {
                throw AgentError(.badRequest, "parameter \(name): \(value) is past the largest integer parameter")
            }
            return .int(value)
        }
    }

    /// The little-endian bytes of a tensor given as typed lists, from the
    /// one list its datatype reads (Triton's mapping: the narrow integers in
    /// `int_contents` and `uint_contents`).
    private static func contentsBytes(
        _ contents: Inference_InferTensorContents, datatype: TensorDataType, input: String, model: String
    ) throws(AgentError) -> [UInt8] {
        func narrowed<Wide: BinaryInteger, Narrow: FixedWidthInteger>(_ values: [Wide], to: Narrow.Type)
            throws(AgentError) -> [UInt8]
        {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(values.count * MemoryLayout<Narrow>.size)
            for value in values {
                guard let narrow = Narrow(exactly: value) else {
                    throw AgentError(
                        .badRequest, "\(model): input \"\(input)\": \(value) does not fit \(datatype.rawValue)")
                }
                withUnsafeBytes(of: narrow.littleEndian) { bytes.append(contentsOf: $0) }
            }
            return bytes
        }
        switch datatype {
        case .bool: return contents.boolContents.map { $0 ? 1 : 0 }
        case .uint8: return try narrowed(contents.uintContents, to: UInt8.self)
        case .uint16: return try narrowed(contents.uintContents, to: UInt16.self)
        case .uint32: return try narrowed(contents.uintContents, to: UInt32.self)
        case .uint64: return try narrowed(contents.uint64Contents, to: UInt64.self)
        case .int8: return try narrowed(contents.intContents, to: Int8.self)
        case .int16: return try narrowed(contents.intContents, to: Int16.self)
        case .int32: return try narrowed(contents.intContents, to: Int32.self)
        case .int64: return try narrowed(contents.int64Contents, to: Int64.self)
        case .fp32: return contents.fp32Contents.withUnsafeBytes { Array($0) }
        case .fp64: return contents.fp64Contents.withUnsafeBytes { Array($0) }
        case .fp16:
            throw AgentError(
                .badRequest, "\(model): input \"\(input)\": FP16 has no typed contents; send raw_input_contents")
        }
    }
}
