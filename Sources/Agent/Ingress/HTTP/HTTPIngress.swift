import Foundation
import HTTPTypes
public import Hummingbird
import Inference
import Logging
import NIOCore
import Scheduling
import Topology

/// The Open Inference Protocol v2 over HTTP, as Triton serves it: health,
/// server and model metadata, inference (JSON and the binary tensor
/// extension) and the model repository. Handlers decode into an
/// ``InferenceCall`` and encode the answer; the agent decides everything else.
public struct HTTPIngress: Sendable {
    let agent: Agent
    let decoder: InferenceRequestDecoder

    /// The routes of `agent`.
    public init(agent: Agent) {
        self.agent = agent
        decoder = InferenceRequestDecoder(limits: agent.configuration.limits.tensors)
    }

    /// A router with every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/v2/health/live") { _, _ in HTTPResponse.Status.ok }
        router.get("/v2/health/ready") { _, _ in agent.isAccepting ? HTTPResponse.Status.ok : .serviceUnavailable }
        router.get("/v2") { _, _ in json(serverMetadata()) }
        router.get("/v2/models/:name") { _, context in try modelMetadata(context) }
        router.get("/v2/models/:name/versions/:version") { _, context in try modelMetadata(context) }
        router.get("/v2/models/:name/ready") { _, context in try modelReady(context) }
        router.post("/v2/models/:name/infer") { request, context in await infer(request, context) }
        router.post("/v2/models/:name/versions/:version/infer") { request, context in await infer(request, context) }
        router.post("/v2/repository/index") { _, _ in json(repositoryIndex()) }
        router.post("/v2/repository/models/:name/load") { _, context in try await changeModel(context, load: true) }
        router.post("/v2/repository/models/:name/unload") { _, context in try await changeModel(context, load: false) }
        return router
    }

    // MARK: Metadata

    private func serverMetadata() -> JSONValue {
        .object([
            JSONMember("name", .string(ProtocolViews.serverName)),
            JSONMember("version", .string(AgentVersion.current)),
            JSONMember("extensions", .array(ProtocolViews.extensions.map(JSONValue.string))),
        ])
    }

    private func modelMetadata(_ context: BasicRequestContext) throws -> Response {
        let (_, model) = try model(context)
        if let version = context.parameters.get("version"), model.variant(named: version) == nil {
            throw AgentError(.unknownModel, "\(model.name) has no version \"\(version)\"")
        }
        func tensors(_ specs: [TensorSpec]) -> JSONValue {
            .array(
                specs.map { spec in
                    .object([
                        JSONMember("name", .string(spec.name)),
                        JSONMember("datatype", .string(spec.datatype.rawValue)),
                        JSONMember("shape", .array(spec.shape.map(JSONValue.int))),
                    ])
                })
        }
        return json(
            .object([
                JSONMember("name", .string(model.name)),
                JSONMember("versions", .array(model.variants.map { .string($0.name) })),
                JSONMember("platform", .string(ProtocolViews.platform(of: model))),
                JSONMember("inputs", tensors(model.inputs)),
                JSONMember("outputs", tensors(model.outputs)),
            ]))
    }

    private func modelReady(_ context: BasicRequestContext) throws -> Response {
        let (id, _) = try model(context)
        return Response(status: agent.repository.state(of: id) == .ready ? .ok : .serviceUnavailable)
    }

    private func repositoryIndex() -> JSONValue {
        .array(
            agent.repository.models.enumerated().map { index, model in
                let (state, reason) = ProtocolViews.indexState(agent.repository.state(of: ModelID(index)))
                var members = [
                    JSONMember("name", .string(model.name)),
                    JSONMember("version", .string(model.variants.first?.name ?? "")),
                    JSONMember("state", .string(state)),
                ]
                if let reason { members.append(JSONMember("reason", .string(reason))) }
                return .object(members)
            })
    }

    private func changeModel(_ context: BasicRequestContext, load: Bool) async throws -> Response {
        try await agent.changeModel(named: context.parameters.get("name") ?? "", load: load)
        return Response(status: .ok)
    }

    private func model(_ context: BasicRequestContext) throws -> (ModelID, ModelManifest) {
        try agent.repository.lookup(context.parameters.get("name") ?? "")
    }

    // MARK: Inference

    private func infer(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let model = context.parameters.get("name") ?? ""
        do {
            var decoded = try await decode(request, model: model)
            decoded.call.version = context.parameters.get("version")
            switch await agent.infer(decoded.call) {
            case .success(let answer):
                let encoded = InferResponseEncoding.encode(answer, model: model, request: decoded)
                var headers: HTTPFields = [
                    .contentType: encoded.headerLength == nil ? "application/json" : "application/octet-stream"
                ]
                if let length = encoded.headerLength {
                    headers[Self.headerLength] = String(length)
                }
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: encoded.body))
            case .failure(let failure):
                agent.noteRejected(failure, ingress: .http)
                return failure.response
            }
        } catch {
            agent.noteRejected(error, ingress: .http)
            return error.response
        }
    }

    /// The binary tensor extension's header: the length of the JSON part.
    // swift-format-ignore: NeverForceUnwrap
    // A constant, valid header name: the initializer fails only on invalid characters.
    private static let headerLength = HTTPField.Name("Inference-Header-Content-Length")!

    /// Whether `text` starts with the lowercase ASCII `prefix`, ignoring case
    /// (media types are case-insensitive), without building a lowercased copy.
    private static func hasPrefix(_ text: String, _ prefix: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var given = text.utf8.makeIterator()
        for byte in expected {
            guard let next = given.next(), next | (next >= 0x41 && next <= 0x5A ? 0x20 : 0) == byte else {
                return false
            }
        }
        return true
    }

    private func decode(_ request: Request, model: String) async throws(AgentError) -> DecodedInferRequest {
        let limit = agent.configuration.limits.maxBodyBytes
        let contentType = request.headers[.contentType] ?? ""
        let headerLength = request.headers[Self.headerLength]
        guard
            contentType.isEmpty || Self.hasPrefix(contentType, "application/json")
                || (Self.hasPrefix(contentType, "application/octet-stream") && headerLength != nil)
        else {
            throw AgentError(
                .unsupportedMediaType,
                "content type \"\(contentType)\" is not application/json (or application/octet-stream with Inference-Header-Content-Length)"
            )
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw AgentError(
                .bodyTooLarge, "a body of \(declared) bytes is over the limit of \(limit) (limits.max_body_bytes)")
        }
        var length: Int?
        if let headerLength {
            guard let value = Int(headerLength), value >= 0 else {
                throw AgentError(.badRequest, "Inference-Header-Content-Length \"\(headerLength)\" is not a byte count")
            }
            length = value
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw AgentError(.bodyTooLarge, "the body is over the limit of \(limit) bytes (limits.max_body_bytes)")
        } catch {
            throw AgentError(.badRequest, "the body could not be read: \(error)")
        }
        return try InferRequestDecoding.decode(body, headerLength: length, model: model, decoder: decoder)
    }

    // MARK: Responses

    private func json(_ document: JSONValue) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: document.serialized())))
    }
}

extension AgentError: HTTPResponseError {
    /// The status ``HTTPStatusMapping`` gives this error.
    public var status: HTTPResponse.Status { HTTPStatusMapping.status(for: kind) }

    /// The error body every route answers with: `{"error": message, "reason": reason}`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    /// The response for this error, with `Retry-After` where waiting helps.
    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let seconds = HTTPStatusMapping.retryAfter(for: kind) {
            headers[.retryAfter] = seconds
        }
        let body = JSONValue.object([JSONMember("error", .string(message)), JSONMember("reason", .string(reason))])
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body.serialized())))
    }
}
