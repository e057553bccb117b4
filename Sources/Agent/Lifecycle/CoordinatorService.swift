import Logging
import ServiceLifecycle

/// Runs a coordinator's socket thread from start to shutdown.
struct CoordinatorService: Service {
    let coordinator: Coordinator

    func run() async throws {
        let coordinator = self.coordinator
        let thread = try await ControlledThread.start(
            name: "es-coordinator", subject: "coordinator",
            make: { (context, control) throws(AgentError) in
                try CoordinatorLoop(coordinator: coordinator, context: context, control: control)
            },
            run: { $0.run() })
        let configuration = coordinator.configuration
        let peers = configuration.peers.map(\.id).joined(separator: ", ")
        coordinator.logger.notice(
            "coordinator: \(configuration.id): reports on \(configuration.reports), plans on \(configuration.plans), peers [\(peers)], every \(DurationText.format(configuration.interval))"
        )
        try? await gracefulShutdown()
        await thread.stop()
    }
}
