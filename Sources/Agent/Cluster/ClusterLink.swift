/// The agent's part in its site's cluster (docs/cluster-protocol.md): a
/// thread of its own that owns the cluster sockets (``ClusterLinkLoop``).
struct ClusterLink: Sendable {
    let identity: ClusterIdentity
    private let thread: ControlledThread

    /// Starts the thread and returns once its sockets are connected, or
    /// throws what stopped it (a bad endpoint or key file).
    static func start(agent: Agent, cluster: AgentConfiguration.Cluster) async throws(AgentError) -> ClusterLink {
        let identity = try ClusterIdentity(
            name: agent.nodeName, cluster: cluster, ingressKeyFile: agent.configuration.zeromq.curveSecretKeyFile)
        let thread = try await ControlledThread.start(
            name: "es-cluster", subject: "cluster",
            make: { (context, control) throws(AgentError) in
                try ClusterLinkLoop(agent: agent, context: context, identity: identity, control: control)
            },
            run: { $0.run() })
        return ClusterLink(identity: identity, thread: thread)
    }

    /// Closes the sockets and waits for the thread.
    func stop() async {
        await thread.stop()
    }
}
