import NIOCore
import NIOHTTP1

/// The last handler of a client connection: collects each response's
/// status and the first `bodyLimit` bytes of its body (enough for an error's
/// `reason`), and reports it whole; reports the connection's end once.
///
/// Runs on the connection's event loop, so its callbacks do too.
final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    /// A complete response.
    struct Response {
        var status: HTTPResponseStatus
        var body: ByteBuffer
        var keepAlive: Bool
    }

    private let bodyLimit: Int
    private let onResponse: (any Channel, Response) -> Void
    private let onClose: (any Channel) -> Void
    private var pending: Response?

    init(
        bodyLimit: Int, onResponse: @escaping (any Channel, Response) -> Void, onClose: @escaping (any Channel) -> Void
    ) {
        self.bodyLimit = bodyLimit
        self.onResponse = onResponse
        self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            pending = Response(status: head.status, body: ByteBuffer(), keepAlive: head.isKeepAlive)
        case .body(var chunk):
            guard var response = pending else { return }
            pending = nil
            let room = bodyLimit - response.body.readableBytes
            if room > 0, let bytes = chunk.readSlice(length: min(room, chunk.readableBytes)) {
                response.body.writeImmutableBuffer(bytes)
            }
            pending = response
        case .end:
            guard let response = pending else { return }
            pending = nil
            onResponse(context.channel, response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        onClose(context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
