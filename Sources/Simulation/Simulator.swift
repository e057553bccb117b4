public import Scheduling

/// Which scheduler a simulation runs.
public enum SimulatedPolicy: String, CaseIterable, Sendable {
    /// One FIFO queue, no deadlines, no downgrades.
    case fifo
    /// Strict priority by class, no deadlines, no downgrades.
    case priority
    /// Strict priority levels by class with queue limits and queue timeouts,
    /// no admission prediction, no downgrades (``BaselinePolicy/Discipline/queueTimeout``).
    case queueTimeout = "queue-timeout"
    /// edgesched's ``Scheduler``.
    case edgesched
}

/// A discrete-event simulation of one node on a virtual clock: the real
/// scheduling policy, simulated workers whose service times are drawn from
/// each variant's distribution (or from a recording's measured ones),
/// requests from the scenario's arrival process (or a recording's arrivals).
public enum Simulator {
    /// Runs `scenario` under `policy`; the same seed gives the same report.
    public static func run(_ scenario: Scenario, policy: SimulatedPolicy, seed: UInt64) throws(SchedulingError)
        -> SimulationReport
    {
        try run(.scenario(scenario), policy: policy, seed: seed)
    }

    /// Runs a recording's arrivals under `policy`, each run's service time
    /// drawn from those measured in the recording for its model, variant and
    /// domain; the same seed gives the same report.
    public static func replay(_ replay: Replay, policy: SimulatedPolicy, seed: UInt64) throws(SchedulingError)
        -> SimulationReport
    {
        try run(.replay(replay), policy: policy, seed: seed)
    }

    private static func run(_ workload: Workload, policy: SimulatedPolicy, seed: UInt64) throws(SchedulingError)
        -> SimulationReport
    {
        let configuration = workload.configuration
        let discipline: BaselinePolicy.Discipline
        switch policy {
        case .edgesched:
            var engine = try SimulationEngine(
                workload: workload,
                policy: try Scheduler(configuration: configuration),
                seed: seed,
                levels: { scheduler, domain throws(SchedulingError) in
                    let levels = try scheduler.downgradeLevels(domain: DomainID(domain))
                    return [levels.pressure, levels.thermal, levels.memory]
                }
            )
            return try engine.run(policyName: policy)
        case .fifo: discipline = .fifo
        case .priority: discipline = .priority
        case .queueTimeout: discipline = .queueTimeout
        }
        var engine = try SimulationEngine(
            workload: workload,
            policy: try BaselinePolicy(configuration: configuration, discipline: discipline),
            seed: seed,
            levels: { _, _ in [] }
        )
        return try engine.run(policyName: policy)
    }
}
