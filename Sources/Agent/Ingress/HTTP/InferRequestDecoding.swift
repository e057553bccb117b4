import Inference
import NIOCore

/// An infer request as the HTTP ingress decoded it: the call for the agent,
/// and which outputs the client wants as binary tensors.
struct DecodedInferRequest {
    var call: InferenceCall
    /// Outputs asked for with `binary_data: true`.
    var binaryOutputs: Set<String>
    /// `binary_data_output: true`: every output as binary data.
    var allOutputsBinary: Bool
}

/// Decodes an infer body, JSON or with the binary tensor extension, with
/// ``InferenceRequestDecoder``: the tensors are decoded once, from the body
/// into the bytes the runtime reads.
enum InferRequestDecoding {
    /// Decodes `body`; `headerLength` is the `Inference-Header-Content-Length`
    /// (the JSON part), nil when the whole body is JSON.
    static func decode(
        _ body: ByteBuffer, headerLength: Int?, model: String, decoder: InferenceRequestDecoder
    ) throws(AgentError) -> DecodedInferRequest {
        let decoded: Result<InferenceRequest, AgentError> = body.withUnsafeReadableBytes { bytes in
            let jsonLength = headerLength ?? bytes.count
            guard jsonLength <= bytes.count else {
                return .failure(
                    AgentError(
                        .badRequest,
                        "\(model): Inference-Header-Content-Length \(jsonLength) is past the end of the "
                            + "\(bytes.count)-byte body"))
            }
            do {
                var request = try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[..<jsonLength]))
                if headerLength != nil {
                    try request.attachBinaryData(
                        UnsafeRawBufferPointer(rebasing: bytes[jsonLength...]), jsonLength: jsonLength)
                }
                return .success(request)
            } catch let error as OpenInferenceJSONError {
                return .failure(AgentError(.badRequest, "\(model): \(error.description)"))
            } catch {
                return .failure(AgentError(.badRequest, "\(model): \(error)"))
            }
        }
        let request = try decoded.get()
        var call = InferenceCall(model: model, id: request.id, inputs: request.tensors, ingress: .http)
        call.priority = request.parameters["priority"]
        call.timeout = request.parameters["timeout"]
        call.allowDowngrade = request.parameters["edgesched_allow_downgrade"]
        call.minimumVariant = request.parameters["edgesched_min_variant"]
        return DecodedInferRequest(
            call: call,
            binaryOutputs: Set(request.outputs.filter(\.binaryData).map(\.name)),
            allOutputsBinary: request.parameters["binary_data_output"] == .bool(true))
    }
}
