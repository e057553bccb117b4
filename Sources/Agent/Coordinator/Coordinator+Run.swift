import Logging
import ServiceLifecycle
import UnixSignals

extension Coordinator {
    /// Coordinates until SIGTERM or SIGINT, then closes its sockets and returns.
    public func run() async throws {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: CoordinatorService(coordinator: self), successTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if let address = configuration.metrics {
            let metrics = self.metrics
            services.append(.init(service: MetricsServer.service(at: address, logger: logger) { metrics.exposition() }))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.notice("coordinator: stopped")
    }
}
