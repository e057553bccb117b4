import Logging
import ServiceLifecycle

/// Runs the agent's cluster link from start to shutdown: reports go out
/// while the agent drains, so coordinators see its load fall.
struct ClusterService: Service {
    let agent: Agent
    let cluster: AgentConfiguration.Cluster

    func run() async throws {
        let link = try await ClusterLink.start(agent: agent, cluster: cluster)
        let coordinators = cluster.coordinators.map(\.id).joined(separator: ", ")
        let curve = link.identity.keyPair == nil ? "off" : "on"
        agent.logger.notice(
            "cluster: node \(link.identity.node), reporting every \(DurationText.format(cluster.interval)) to \(coordinators) (CURVE \(curve))"
        )
        try? await gracefulShutdown()
        await link.stop()
        agent.logger.notice("cluster: stopped")
    }
}
