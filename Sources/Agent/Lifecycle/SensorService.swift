import Foundation
import Inference
import Logging
import Placement
import Scheduling
import ServiceLifecycle

/// Reads the sensors on the configured interval and feeds the scheduler's
/// thermal and memory signals and the per-domain gauges. A file that fails
/// is logged once, not on every poll. Each change of a domain's downgrade
/// level is logged and exported with the instant the readings were fed at:
/// the thermal and memory levels change only then, so it is exact for them
/// (to the nanosecond, on the monotonic clock shown as Unix time from the
/// offset at start), and the pressure level, which requests move, is seen
/// up to one interval late.
struct SensorService: Service {
    let agent: Agent

    func run() async throws {
        var reported = Set<String>()
        let interval = agent.configuration.sensors.interval
        let domains = agent.plan.domains.count
        let unixOffset = Date().timeIntervalSince1970 - Double(MonotonicClock.nanoseconds()) / 1e9
        var levels = Array(repeating: AgentMetrics.downgradeSignals.map { _ in 0 }, count: domains)
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let poll = agent.sensors.read()
            let fed = agent.bridge.record(poll.readings)
            agent.metrics.record(poll.readings)
            let current = agent.bridge.downgradeLevels(domainCount: domains)
            noteChanges(from: levels, to: current, at: unixOffset + Double(fed.nanoseconds) / 1e9)
            levels = current
            let load = agent.bridge.load(workersPerDomain: agent.plan.domains.map(\.workers.count))
            agent.metrics.recordLoad(queued: load.queued, running: load.busy)
            for problem in poll.problems where reported.insert(problem.path).inserted {
                agent.logger.warning("sensors: \(problem.description)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Logs and exports every level in `current` that differs from `previous`.
    private func noteChanges(from previous: [[Int]], to current: [[Int]], at unixSeconds: Double) {
        for (domain, signals) in current.enumerated() {
            for (signal, level) in signals.enumerated() where previous[domain][signal] != level {
                agent.metrics.recordDowngradeLevel(level, signal: signal, domain: domain, changedAt: unixSeconds)
                let name = AgentMetrics.downgradeSignals[signal].rawValue
                agent.logger.info("downgrade: domain \(domain) \(name) level \(previous[domain][signal]) -> \(level)")
            }
        }
    }
}
