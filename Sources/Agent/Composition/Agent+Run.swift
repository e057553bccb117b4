import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

extension Agent {
    /// Serves until SIGTERM or SIGINT, then drains (``DrainService``) and
    /// returns. `onHTTPBound` gets the address the HTTP server listens on
    /// (useful with port 0).
    public func run(onHTTPBound: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let address = configuration.ingress.http
        let logger = self.logger
        let http = Application(
            router: HTTPIngress(agent: self).router(),
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port), serverName: "edgesched"),
            onServerRunning: { channel in
                let bound = channel.localAddress.map { "\($0.ipAddress ?? address.host):\($0.port ?? address.port)" }
                logger.notice("http: serving the Open Inference Protocol on \(bound ?? address.description)")
                onHTTPBound(bound ?? address.description)
            },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: http),
                    .init(service: SensorService(agent: self)),
                    .init(service: DrainService(agent: self), successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.notice("lifecycle: serving")
        try await group.run()
        logger.notice("lifecycle: stopped")
    }
}
