import Scheduling

/// What a simulation runs: a built-in scenario's arrival processes, or the
/// arrivals of a recording.
enum Workload {
    case scenario(Scenario)
    case replay(Replay)

    /// The node: classes, models, domains.
    var configuration: SchedulerConfiguration {
        switch self {
        case .scenario(let scenario): scenario.configuration
        case .replay(let replay): replay.configuration
        }
    }

    /// The name reports carry: the scenario's, or the recording's path.
    var name: String {
        switch self {
        case .scenario(let scenario): scenario.name
        case .replay(let replay): replay.path
        }
    }

    /// How long requests arrive.
    var duration: Duration {
        switch self {
        case .scenario(let scenario): scenario.duration
        case .replay(let replay): replay.duration
        }
    }
}
