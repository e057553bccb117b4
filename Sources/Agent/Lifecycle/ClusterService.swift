import Logging
import ServiceLifecycle

/// Runs the agent's cluster link from start to shutdown: reports go out
/// while the agent drains, so coordinators see its load fall.
struct ClusterService: Service {
    let agent: Agent
    let cluster: AgentConfiguration.Cluster

    func run() async throws {
        let forwarding = try await startForwarding()
        let link: ClusterLink
        do {
            link = try await ClusterLink.start(agent: agent, cluster: cluster)
        } catch {
            await forwarding?.stop()
            throw error
        }
        let coordinators = cluster.coordinators.map(\.id).joined(separator: ", ")
        let curve = link.identity.keyPair == nil ? "off" : "on"
        agent.logger.notice(
            "cluster: node \(link.identity.node), reporting every \(DurationText.format(cluster.interval)) to \(coordinators) (CURVE \(curve))"
        )
        try? await gracefulShutdown()
        await link.stop()
        await forwarding?.stop()
        agent.logger.notice("cluster: stopped")
    }

    /// The thread that forwards overflow to routes' peers (``ForwardingLoop``).
    private func startForwarding() async throws(AgentError) -> ControlledThread? {
        guard let forwarder = agent.forwarder else { return nil }
        let agent = self.agent
        return try await ControlledThread.start(
            name: "es-forward", subject: "cluster: forwarding",
            make: { (context, control) throws(AgentError) in
                try ForwardingLoop(agent: agent, forwarder: forwarder, context: context, control: control)
            },
            run: { $0.run() })
    }
}
