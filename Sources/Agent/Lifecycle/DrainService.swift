import Logging
import ServiceLifecycle

/// The shutdown: on SIGTERM or SIGINT, readiness fails and new requests are
/// answered `shutting_down`, while queued work runs until it is done or the
/// drain timeout passes; what is left then is answered `shutting_down`, and
/// the workers stop. It is the last service, so the group shuts it down
/// first and the HTTP server keeps answering meanwhile; it returns once
/// clients have gone quiet (no request for ``quietPeriod``, at most
/// ``quietLimit``), so a request sent just before the listener closes is
/// answered `shutting_down` rather than reset in the accept queue.
struct DrainService: Service {
    let agent: Agent
    /// How long without a new request counts as clients having stopped.
    static let quietPeriod = Duration.milliseconds(100)
    /// The longest the listener stays open for that after the work is done.
    static let quietLimit = Duration.seconds(1)

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
        let limit = ContinuousClock.now + Self.quietLimit
        while ContinuousClock.now < limit, agent.timeSinceLastRequest < Self.quietPeriod {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
