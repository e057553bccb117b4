import Foundation
import Messaging
import Synchronization

/// The agent's ZeroMQ ingress (docs/protocol.md): a thread of its own that
/// owns the ROUTER socket (``ZeroMQSocketLoop``); every other thread reaches
/// it through its outbox.
final class ZeroMQIngress: Sendable {
    /// The endpoint the socket is bound to (the port libzmq chose for `*`).
    let endpoint: String
    private let outbox: HandoffQueue<ZeroMQOutgoing>
    /// Signalled once the socket thread has left its loop.
    private let exited: DispatchSemaphore

    private init(endpoint: String, outbox: HandoffQueue<ZeroMQOutgoing>, exited: DispatchSemaphore) {
        self.endpoint = endpoint
        self.outbox = outbox
        self.exited = exited
    }

    /// Starts the socket thread and returns once the socket is bound, or
    /// throws what stopped it (an endpoint in use, a bad key file).
    static func start(agent: Agent, endpoint: ZeroMQEndpoint) async throws(AgentError) -> ZeroMQIngress {
        let outbox: HandoffQueue<ZeroMQOutgoing>
        let context: Context
        do {
            outbox = try HandoffQueue()
            context = try Context()
        } catch {
            throw AgentError(.startFailed, "zeromq: \(error)")
        }
        let exited = DispatchSemaphore(value: 0)
        let bound = try await SocketThread.start(
            name: "es-zeromq", exited: exited,
            make: { () throws(AgentError) in
                try ZeroMQSocketLoop(agent: agent, context: context, endpoint: endpoint, outbox: outbox)
            },
            started: \.endpoint, run: { $0.run() })
        return ZeroMQIngress(endpoint: bound, outbox: outbox, exited: exited)
    }

    /// Sends what is still handed over, closes the socket and waits for its thread.
    func stop() async {
        outbox.push(.stop)
        let exited = self.exited
        await Blocking.run { exited.wait() }
    }
}
