import Logging
import Placement
import ServiceLifecycle

/// Reads the sensors on the configured interval and feeds the scheduler's
/// thermal and memory signals and the per-domain gauges. A file that fails
/// is logged once, not on every poll.
struct SensorService: Service {
    let agent: Agent

    func run() async throws {
        var reported = Set<String>()
        let interval = agent.configuration.sensors.interval
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let poll = agent.sensors.read()
            agent.bridge.record(poll.readings)
            agent.metrics.record(poll.readings)
            let load = agent.bridge.load(workersPerDomain: agent.plan.domains.map(\.workers.count))
            agent.metrics.recordLoad(queued: load.queued, running: load.busy)
            for problem in poll.problems where reported.insert(problem.path).inserted {
                agent.logger.warning("sensors: \(problem.description)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
