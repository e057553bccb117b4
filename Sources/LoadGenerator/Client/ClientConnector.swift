import NIOCore
import NIOHTTP1
import NIOPosix

/// Opens HTTP/1.1 client connections to the server, each ending in a
/// ``ResponseCollector``, on one event loop.
struct ClientConnector: Sendable {
    var url: ServerURL
    var eventLoop: any EventLoop
    var connectTimeout: TimeAmount = .seconds(5)

    /// Connects; the collector's callbacks run on `eventLoop`.
    func connect(
        bodyLimit: Int, onResponse: @escaping @Sendable (any Channel, ResponseCollector.Response) -> Void,
        onClose: @escaping @Sendable (any Channel) -> Void
    ) -> EventLoopFuture<any Channel> {
        ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        ResponseCollector(bodyLimit: bodyLimit, onResponse: onResponse, onClose: onClose))
                }
            }
            .connect(host: url.host, port: url.port)
    }
}
