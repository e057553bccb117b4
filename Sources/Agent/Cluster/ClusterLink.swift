import Foundation
import Messaging

/// The agent's part in its site's cluster (docs/cluster-protocol.md): a
/// thread of its own that owns the cluster sockets (``ClusterLinkLoop``).
final class ClusterLink: Sendable {
    let identity: ClusterIdentity
    private let control: HandoffQueue<ClusterControl>
    /// Signalled once the thread has left its loop.
    private let exited: DispatchSemaphore

    private init(identity: ClusterIdentity, control: HandoffQueue<ClusterControl>, exited: DispatchSemaphore) {
        self.identity = identity
        self.control = control
        self.exited = exited
    }

    /// Starts the thread and returns once its sockets are connected, or
    /// throws what stopped it (a bad endpoint or key file).
    static func start(agent: Agent, cluster: AgentConfiguration.Cluster) async throws(AgentError) -> ClusterLink {
        let identity = try ClusterIdentity(agent.configuration, cluster: cluster)
        let control: HandoffQueue<ClusterControl>
        let context: Context
        do {
            control = try HandoffQueue()
            context = try Context()
        } catch {
            throw AgentError(.startFailed, "cluster: \(error)")
        }
        let exited = DispatchSemaphore(value: 0)
        try await SocketThread.start(
            name: "es-cluster", exited: exited,
            make: { () throws(AgentError) in
                try ClusterLinkLoop(agent: agent, context: context, identity: identity, control: control)
            },
            started: { _ in }, run: { $0.run() })
        return ClusterLink(identity: identity, control: control, exited: exited)
    }

    /// Closes the sockets and waits for the thread.
    func stop() async {
        control.push(.stop)
        let exited = self.exited
        await Blocking.run { exited.wait() }
    }
}
