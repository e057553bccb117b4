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
        if let address = configuration.ingress.grpc {
            services.append(.init(service: GRPCService(agent: self, address: address)))
        }
        if let endpoint = configuration.ingress.zeromq {
            services.append(.init(service: ZeroMQService(agent: self, endpoint: endpoint)))
        }
        if let cluster = configuration.cluster {
            services.append(.init(service: ClusterService(agent: self, cluster: cluster)))
        }
        if let metricsAddress = configuration.metrics {
            let metrics = self.metrics
            services.append(
                .init(service: MetricsServer.service(at: metricsAddress, logger: logger) { metrics.exposition() }))
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
}
