import Logging
import ServiceLifecycle

/// The shutdown: on SIGTERM or SIGINT, readiness fails and new requests are
/// answered `shutting_down`, while queued work runs until it is done or the
/// drain timeout passes; what is left then is answered `shutting_down`, and
/// the workers stop. It is the last service, so the group shuts it down
/// first and the HTTP server keeps answering meanwhile.
struct DrainService: Service {
    let agent: Agent

    func run() async throws {
        try? await gracefulShutdown()
        let timeout = agent.configuration.limits.drainTimeout
        agent.beginDrain()
        agent.logger.notice("lifecycle: draining (not ready; queued work has \(timeout) to finish)")
        let deadline = ContinuousClock.now + timeout
        while !agent.bridge.isIdle, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
        if !agent.bridge.isIdle {
            agent.logger.notice("lifecycle: drain timeout; answering what is still queued shutting_down")
            agent.bridge.answerQueued()
        }
        await agent.stopWorkers()
        agent.logger.notice("lifecycle: workers stopped")
    }
}
