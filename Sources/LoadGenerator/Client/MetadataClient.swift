import NIOCore
import NIOHTTP1

/// Asks the server for a model's metadata, `GET /v2/models/NAME`, over a
/// connection of its own that it closes afterwards.
enum MetadataClient {
    /// The largest metadata document read.
    static let bodyLimit = 4 << 20

    /// The metadata of `model`, or a ``LoadError`` naming the URL and the fix.
    static func fetch(model: String, connector: ClientConnector) async throws -> ModelMetadata {
        let url = connector.url
        let path = url.pathPrefix + "/v2/models/" + RequestPool.percentEncoded(model)
        let source = "\(url)\(path)"
        let promise = connector.eventLoop.makePromise(of: ResponseCollector.Response.self)
        let channel: any Channel
        do {
            channel = try await connector.connect(
                bodyLimit: bodyLimit, onResponse: { _, response in promise.succeed(response) },
                onClose: { _ in
                    promise.fail(
                        LoadError(.serverUnreachable, "\(source): the server closed the connection without answering"))
                }
            ).get()
        } catch {
            promise.fail(error)
            throw LoadError(
                .serverUnreachable, "\(url): cannot connect (\(error)); is the server running and is --url right?")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: url.hostHeader)
        headers.add(name: "Accept", value: "application/json")
        channel.write(
            HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)),
            promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let response: ResponseCollector.Response
        do {
            response = try await promise.futureResult.get()
        } catch {
            try? await channel.close()
            throw error
        }
        try? await channel.close()
        guard response.status == .ok else {
            throw LoadError(
                .metadataRefused,
                "\(source): HTTP \(response.status.code) \(String(buffer: response.body)); check --model and --url")
        }
        return try ModelMetadata(parsing: Array(buffer: response.body), model: model, source: source)
    }
}
