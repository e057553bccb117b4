import NIOCore
import NIOHTTP1

/// Asks the server for a model's metadata, `GET /v2/models/NAME`, over a
/// connection of its own that it closes afterwards.
enum MetadataClient {
    /// The largest metadata document read.
    static let bodyLimit = 4 << 20
    /// How long the server has to answer the metadata request.
    static let answerTimeout = TimeAmount.seconds(10)

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
        let timer = connector.eventLoop.scheduleTask(in: answerTimeout) {
            promise.fail(
                LoadError(
                    .serverUnreachable, "\(source): no answer within \(answerTimeout.nanoseconds / 1_000_000_000) s"))
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
            timer.cancel()
            try? await channel.close()
            throw error
        }
        timer.cancel()
        try? await channel.close()
        guard response.status == .ok else {
            throw LoadError(
                .metadataRefused,
                "\(source): HTTP \(response.status.code) \(String(buffer: response.body)); check --model and --url")
        }
        return try ModelMetadata(parsing: Array(buffer: response.body), model: model, source: source)
    }
}
