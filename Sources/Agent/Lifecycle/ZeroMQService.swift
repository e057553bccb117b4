import Logging
import Messaging
import ServiceLifecycle

/// Runs the ZeroMQ ingress from start to shutdown. It comes before the drain
/// in the group, so the group stops it after the drain: replies to work that
/// finishes during the drain are still sent.
struct ZeroMQService: Service {
    let agent: Agent
    let endpoint: ZeroMQEndpoint

    func run() async throws {
        let ingress = try await ZeroMQIngress.start(agent: agent, endpoint: endpoint)
        agent.zeroMQEndpoint = ingress.endpoint
        let curve = agent.configuration.zeromq.curveSecretKeyFile == nil ? "off" : "on"
        let available = ZeroMQ.hasCurve ? "available" : "not available"
        agent.logger.notice(
            "zeromq: libzmq \(ZeroMQ.version), CURVE \(curve) (\(available)); serving protocol v1 on \(ingress.endpoint)"
        )
        try? await gracefulShutdown()
        await ingress.stop()
        agent.logger.notice("zeromq: stopped")
    }
}
