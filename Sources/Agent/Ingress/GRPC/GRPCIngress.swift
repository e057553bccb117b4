import GRPCCore
import GRPCProtobuf
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
///
/// It registers its methods itself rather than through the generated
/// service protocol, so that inference reads and writes tensors as raw
/// bytes (``RawInferRequest``, ``RawInferResponse``) instead of the
/// generated messages' `Data`.
struct GRPCIngress: RegistrableRPCService {
    let agent: Agent
    /// The most tensor data one request may carry (`limits.max_body_bytes`).
    let maximumTensorBytes: Int

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        typealias Method = Inference_GRPCInferenceService.Method
        router.registerUnary(Method.ServerLive.descriptor, serverLive)
        router.registerUnary(Method.ServerReady.descriptor, serverReady)
        router.registerUnary(Method.ModelReady.descriptor, modelReady)
        router.registerUnary(Method.ServerMetadata.descriptor, serverMetadata)
        router.registerUnary(Method.ModelMetadata.descriptor, modelMetadata)
        router.registerUnary(Method.RepositoryIndex.descriptor, repositoryIndex)
        router.registerUnary(Method.RepositoryModelLoad.descriptor, repositoryModelLoad)
        router.registerUnary(Method.RepositoryModelUnload.descriptor, repositoryModelUnload)
        router.registerHandler(
            forMethod: Method.ModelInfer.descriptor, deserializer: RawInferRequestDeserializer(),
            serializer: RawInferResponseSerializer()
        ) { request, _ in
            StreamingServerResponse(single: try await modelInfer(ServerRequest(stream: request)))
        }
        router.registerHandler(
            forMethod: Method.ModelStreamInfer.descriptor, deserializer: RawInferRequestDeserializer(),
            serializer: RawStreamInferResponseSerializer()
        ) { request, _ in
            modelStreamInfer(request)
        }
    }

    // MARK: Health and metadata

    private func serverLive(_ request: ServerRequest<Inference_ServerLiveRequest>) async
        -> ServerResponse<Inference_ServerLiveResponse>
    {
        ServerResponse(message: .with { $0.live = true })
    }

    private func serverReady(_ request: ServerRequest<Inference_ServerReadyRequest>) async
        -> ServerResponse<Inference_ServerReadyResponse>
    {
        ServerResponse(message: .with { $0.ready = agent.isAccepting })
    }

    private func modelReady(_ request: ServerRequest<Inference_ModelReadyRequest>) async
        -> ServerResponse<Inference_ModelReadyResponse>
    {
        await answer { () throws(AgentError) in
            let (id, _) = try versioned(request.message.name, request.message.version)
            return .with { $0.ready = agent.repository.state(of: id) == .ready }
        }
    }

    private func serverMetadata(_ request: ServerRequest<Inference_ServerMetadataRequest>) async
        -> ServerResponse<Inference_ServerMetadataResponse>
    {
        ServerResponse(
            message: .with {
                $0.name = ProtocolViews.serverName
                $0.version = AgentVersion.current
                $0.extensions = ProtocolViews.extensions
            })
    }

    private func modelMetadata(_ request: ServerRequest<Inference_ModelMetadataRequest>) async
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

    private func repositoryIndex(_ request: ServerRequest<Inference_RepositoryIndexRequest>) async
        -> ServerResponse<Inference_RepositoryIndexResponse>
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

    private func repositoryModelLoad(_ request: ServerRequest<Inference_RepositoryModelLoadRequest>) async
        -> ServerResponse<Inference_RepositoryModelLoadResponse>
    {
        await answer { () async throws(AgentError) in
            try await agent.changeModel(named: request.message.modelName, load: true)
            return Inference_RepositoryModelLoadResponse()
        }
    }

    private func repositoryModelUnload(_ request: ServerRequest<Inference_RepositoryModelUnloadRequest>) async
        -> ServerResponse<Inference_RepositoryModelUnloadResponse>
    {
        await answer { () async throws(AgentError) in
            try await agent.changeModel(named: request.message.modelName, load: false)
            return Inference_RepositoryModelUnloadResponse()
        }
    }

    // MARK: Inference

    private func modelInfer(_ request: ServerRequest<RawInferRequest>) async -> ServerResponse<RawInferResponse> {
        switch await infer(request.message, clientDeadline: Self.clientDeadline(request.metadata)) {
        case .success(let response): ServerResponse(message: response)
        case .failure(let error): ServerResponse(error: GRPCStatusMapping.error(error))
        }
    }

    /// Answers each request of the stream as it finishes, in the order they
    /// finish: a response, or `error_message` with the request's id. The
    /// stream stays open after an error, as Triton's does. One writer task
    /// writes every answer (an `RPCWriter` takes one write at a time).
    private func modelStreamInfer(_ request: StreamingServerRequest<RawInferRequest>)
        -> StreamingServerResponse<RawStreamInferResponse>
    {
        let clientDeadline = Self.clientDeadline(request.metadata)
        return StreamingServerResponse { writer in
            let (answers, answered) = AsyncStream.makeStream(of: RawStreamInferResponse.self)
            try await withThrowingTaskGroup { group in
                group.addTask {
                    for await answer in answers { try await writer.write(answer) }
                }
                do {
                    try await withThrowingDiscardingTaskGroup { requests in
                        for try await request in request.messages {
                            requests.addTask {
                                answered.yield(await streamAnswer(request, clientDeadline: clientDeadline))
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

    private func streamAnswer(_ request: RawInferRequest, clientDeadline: Duration?) async -> RawStreamInferResponse {
        switch await infer(request, clientDeadline: clientDeadline) {
        case .success(let response):
            return RawStreamInferResponse(response: response)
        case .failure(let error):
            let named = Inference_ModelInferResponse.with {
                $0.modelName = request.message.modelName
                $0.id = request.message.id
            }
            return RawStreamInferResponse(
                errorMessage: GRPCStatusMapping.text(error),
                response: RawInferResponse(message: named, rawOutputContents: []))
        }
    }

    private func infer(_ request: RawInferRequest, clientDeadline: Duration?) async
        -> Result<RawInferResponse, AgentError>
    {
        let call: InferenceCall
        do {
            call = try GRPCInferRequestDecoding.decode(
                request, clientDeadline: clientDeadline, maximumTensorBytes: maximumTensorBytes)
        } catch {
            agent.noteRejected(error, ingress: .grpc)
            return .failure(error)
        }
        switch await agent.infer(call) {
        case .success(let answer):
            return .success(GRPCInferResponseEncoding.encode(answer, model: call.model, id: request.message.id))
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

extension RPCRouter {
    /// Registers a unary method whose messages are the generated ones.
    fileprivate mutating func registerUnary<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
        _ method: MethodDescriptor,
        _ handler: @escaping @Sendable (ServerRequest<Input>) async -> ServerResponse<Output>
    ) {
        registerHandler(
            forMethod: method, deserializer: ProtobufDeserializer<Input>(), serializer: ProtobufSerializer<Output>()
        ) { request, _ in
            StreamingServerResponse(single: await handler(try await ServerRequest(stream: request)))
        }
    }
}
