import Hummingbird
import Logging
import NIOCore
import Placement
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
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: http)]
        if let endpoint = configuration.ingress.zeromq {
            services.append(.init(service: ZeroMQService(agent: self, endpoint: endpoint)))
        }
        if let cluster = configuration.cluster {
            services.append(.init(service: ClusterService(agent: self, cluster: cluster)))
        }
        if let metricsAddress = configuration.metrics {
            services.append(.init(service: metricsServer(at: metricsAddress)))
        }
        if !plan.reserved.isEmpty {
            services.append(.init(service: ConfinementService(agent: self)))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services + [
                    .init(service: SensorService(agent: self)),
                    .init(service: DeadlineService(agent: self)),
                    .init(service: DrainService(agent: self), successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.notice("lifecycle: serving")
        do {
            try await group.run()
        } catch {
            await stopRecording()
            throw error
        }
        await stopRecording()
        logger.notice("lifecycle: stopped")
    }

    /// `GET /metrics` in Prometheus's text format, on its own address so
    /// scrapes never queue behind inference traffic.
    private func metricsServer(at address: ListenAddress) -> some Service {
        let router = Router(context: BasicRequestContext.self)
        let metrics = self.metrics
        let logger = self.logger
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
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
