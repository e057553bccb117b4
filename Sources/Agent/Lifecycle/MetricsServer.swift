import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `GET /metrics` in Prometheus's text format, on its own address so
/// scrapes never queue behind other traffic.
enum MetricsServer {
    /// The server at `address`, serving what `exposition` returns.
    static func service(
        at address: ListenAddress, logger: Logger, exposition: @escaping @Sendable () -> [UInt8]
    ) -> some Service {
        let router = Router(context: BasicRequestContext.self)
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: exposition())))
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port), serverName: "edgesched"),
            onServerRunning: { channel in
                let bound = channel.localAddress.map { "\($0.ipAddress ?? address.host):\($0.port ?? address.port)" }
                logger.notice("metrics: serving /metrics on \(bound ?? address.description)")
            },
            logger: logger)
    }
}
