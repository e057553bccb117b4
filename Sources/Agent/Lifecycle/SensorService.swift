import Logging
import ServiceLifecycle

/// Reads the sensors on the configured interval and feeds the scheduler's
/// thermal and memory signals. A file that fails is logged once, not on
/// every poll.
struct SensorService: Service {
    let agent: Agent

    func run() async throws {
        var reported = Set<String>()
        let interval = agent.configuration.sensors.interval
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let poll = agent.sensors.read()
            agent.bridge.record(poll.readings)
            for problem in poll.problems where reported.insert(problem.path).inserted {
                agent.logger.warning("sensors: \(problem.description)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
