import GRPCCore
import Inference
import OpenInferenceGRPC
import Scheduling
import SwiftProtobuf

/// The Open Inference Protocol over gRPC, as Triton's `GRPCInferenceService`
/// serves it: health, server and model metadata, inference (one call, or
/// a bidirectional stream answered as each request finishes, matched by
/// id) and the model repository. As ``HTTPIngress`` does, it decodes into an
/// ``InferenceCall`` and encodes the answer; the agent decides everything
/// else. A client's gRPC deadline bounds the task's deadline.
struct GRPCIngress: Inference_GRPCInferenceService.ServiceProtocol {
    let agent: Agent
    /// The most tensor data one request may carry (`limits.max_body_bytes`).
    let maximumTensorBytes: Int

    // MARK: Health and metadata

    func serverLive(request: ServerRequest<Inference_ServerLiveRequest>, context: ServerContext) async throws
        -> ServerResponse<Inference_ServerLiveResponse>
    {
        ServerResponse(message: .with { $0.live = true })
    }

    func serverReady(request: ServerRequest<Inference_ServerReadyRequest>, context: ServerContext) async throws
        -> ServerResponse<Inference_ServerReadyResponse>
    {
        ServerResponse(message: .with { $0.ready = agent.isAccepting })
    }

    func modelReady(request: ServerRequest<Inference_ModelReadyRequest>, context: ServerContext) async throws
        -> ServerResponse<Inference_ModelReadyResponse>
    {
        await answer { () throws(AgentError) in
            let (id, _) = try versioned(request.message.name, request.message.version)
            return .with { $0.ready = agent.repository.state(of: id) == .ready }
        }
    }

    func serverMetadata(request: ServerRequest<Inference_ServerMetadataRequest>, context: ServerContext) async throws
        -> ServerResponse<Inference_ServerMetadataResponse>
    {
        ServerResponse(
            message: .with {
                $0.name = ProtocolViews.serverName
                $0.version = AgentVersion.current
                $0.extensions = ProtocolViews.extensions
            })
    }

    func modelMetadata(request: ServerRequest<Inference_ModelMetadataRequest>, context: ServerContext) async throws
        -> ServerResponse<Inference_ModelMetadataResponse>
    {
        await answer { () throws(AgentError) in
            let (_, model) = try versioned(request.message.name, request.message.version)
            func tensors(_ specs: [TensorSpec]) -> [Inference_ModelMetadataResponse.TensorMetadata] {
                specs.map { spec in
                    .with {
                        $0.name = spec.name
                        $0.datatype = spec.datatype.rawValue
                        $0.shape = spec.shape.map { Int64($0) }
                    }
                }
            }
            return .with {
                $0.name = model.name
                $0.versions = model.variants.map(\.name)
                $0.platform = ProtocolViews.platform(of: model)
                $0.inputs = tensors(model.inputs)
                $0.outputs = tensors(model.outputs)
            }
        }
    }

    /// The model `name` names, and one of its versions unless `version` is empty.
    private func versioned(_ name: String, _ version: String) throws(AgentError) -> (ModelID, ModelManifest) {
        let (id, model) = try agent.repository.lookup(name)
        if !version.isEmpty, model.variant(named: version) == nil {
            throw AgentError(.unknownModel, "\(model.name) has no version \"\(version)\"")
        }
        return (id, model)
    }

    // MARK: Repository

    func repositoryIndex(request: ServerRequest<Inference_RepositoryIndexRequest>, context: ServerContext)
        async throws -> ServerResponse<Inference_RepositoryIndexResponse>
    {
        let entries = agent.repository.models.enumerated().compactMap {
            index, model -> Inference_RepositoryIndexResponse.ModelIndex? in
            let state = agent.repository.state(of: ModelID(index))
            if request.message.ready, state != .ready { return nil }
            let (name, reason) = ProtocolViews.indexState(state)
            return .with {
                $0.name = model.name
                $0.version = model.variants.first?.name ?? ""
                $0.state = name
                $0.reason = reason ?? ""
            }
        }
        return ServerResponse(message: .with { $0.models = entries })
    }

    func repositoryModelLoad(request: ServerRequest<Inference_RepositoryModelLoadRequest>, context: ServerContext)
        async throws -> ServerResponse<Inference_RepositoryModelLoadResponse>
    {
        await answer { () async throws(AgentError) in
            try await agent.changeModel(named: request.message.modelName, load: true)
            return Inference_RepositoryModelLoadResponse()
        }
    }

    func repositoryModelUnload(
        request: ServerRequest<Inference_RepositoryModelUnloadRequest>, context: ServerContext
    ) async throws -> ServerResponse<Inference_RepositoryModelUnloadResponse> {
        await answer { () async throws(AgentError) in
            try await agent.changeModel(named: request.message.modelName, load: false)
            return Inference_RepositoryModelUnloadResponse()
        }
    }

    // MARK: Inference

    func modelInfer(request: ServerRequest<Inference_ModelInferRequest>, context: ServerContext) async throws
        -> ServerResponse<Inference_ModelInferResponse>
    {
        switch await infer(request.message, clientDeadline: Self.clientDeadline(request.metadata)) {
        case .success(let response): ServerResponse(message: response)
        case .failure(let error): ServerResponse(error: GRPCStatusMapping.error(error))
        }
    }

    /// Answers each request of the stream as it finishes, in the order they
    /// finish: a response, or `error_message` with the request's id. The
    /// stream stays open after an error, as Triton's does. One writer task
    /// writes every answer (an `RPCWriter` takes one write at a time).
    func modelStreamInfer(request: StreamingServerRequest<Inference_ModelInferRequest>, context: ServerContext)
        async throws -> StreamingServerResponse<Inference_ModelStreamInferResponse>
    {
        let clientDeadline = Self.clientDeadline(request.metadata)
        return StreamingServerResponse { writer in
            let (answers, answered) = AsyncStream.makeStream(of: Inference_ModelStreamInferResponse.self)
            try await withThrowingTaskGroup { group in
                group.addTask {
                    for await answer in answers { try await writer.write(answer) }
                }
                do {
                    try await withThrowingDiscardingTaskGroup { requests in
                        for try await message in request.messages {
                            requests.addTask {
                                answered.yield(await streamAnswer(message, clientDeadline: clientDeadline))
                            }
                        }
                    }
                } catch {
                    answered.finish()
                    throw error
                }
                answered.finish()
                try await group.waitForAll()
            }
            return [:]
        }
    }

    private func streamAnswer(_ message: Inference_ModelInferRequest, clientDeadline: Duration?) async
        -> Inference_ModelStreamInferResponse
    {
        switch await infer(message, clientDeadline: clientDeadline) {
        case .success(let response):
            return .with { $0.inferResponse = response }
        case .failure(let error):
            return .with {
                $0.errorMessage = GRPCStatusMapping.text(error)
                $0.inferResponse.modelName = message.modelName
                $0.inferResponse.id = message.id
            }
        }
    }

    private func infer(_ message: Inference_ModelInferRequest, clientDeadline: Duration?) async
        -> Result<Inference_ModelInferResponse, AgentError>
    {
        let call: InferenceCall
        do {
            call = try GRPCInferRequestDecoding.decode(
                message, clientDeadline: clientDeadline, maximumTensorBytes: maximumTensorBytes)
        } catch {
            agent.noteRejected(error, ingress: .grpc)
            return .failure(error)
        }
        switch await agent.infer(call) {
        case .success(let answer):
            return .success(GRPCInferResponseEncoding.encode(answer, model: call.model, id: message.id))
        case .failure(let error):
            agent.noteRejected(error, ingress: .grpc)
            return .failure(error)
        }
    }

    /// How long the client waits, from its `grpc-timeout`; nil without one.
    private static func clientDeadline(_ metadata: Metadata) -> Duration? {
        metadata[stringValues: GRPCTimeout.header].first(where: { _ in true }).flatMap(GRPCTimeout.parse)
    }

    // MARK: Errors

    /// The response `body` gives, or the status of the error it throws.
    private func answer<Message>(_ body: () async throws(AgentError) -> Message) async -> ServerResponse<Message> {
        do {
            return ServerResponse(message: try await body())
        } catch {
            return ServerResponse(error: GRPCStatusMapping.error(error))
        }
    }
}
