import ArgumentParser
import Scheduling
import Simulation
import Topology

/// `edgesched bench`: scenario benchmarks.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run scenario benchmarks.",
        subcommands: [SchedulingBenchCommand.self]
    )
}

/// `edgesched bench sched`: the scheduling core in the discrete-event simulator.
struct SchedulingBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sched",
        abstract: "Simulate a scenario on a virtual clock with the real scheduling core and simulated workers.",
        discussion: "Scenarios: "
            + Scenario.builtIn.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")
            + ". --replay runs an arrival recording (docs/recording.md) instead, each run's service time drawn from"
            + " those recorded for its model, variant and domain, and prints the recorded figures beside the"
            + " replayed ones (docs/scheduling.md). The same seed gives the same result."
    )

    @Option(help: "A built-in scenario (listed above).")
    var scenario: ScenarioName?

    @Option(help: ArgumentHelp("An arrival recording to replay instead of a scenario.", valueName: "file"))
    var replay: String?

    @Option(
        help: ArgumentHelp(
            "With --replay: an agent configuration whose classes, weights, watermarks and plan (workers per domain) the replay runs with; without it, the built-in classes and workers inferred from the recording.",
            valueName: "file"))
    var config: String?

    @Option(
        help:
            "Scheduler: priority is strict by class; queue-timeout adds queue limits and timeouts; fifo, priority and queue-timeout have no admission prediction or downgrades."
    )
    var policy = PolicyName(.edgesched)

    @Option(help: "Seed of the simulation's random numbers.")
    var seed: UInt64 = 1

    @Option(help: "Output format.")
    var format: BenchFormat = .text

    enum BenchFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        if (scenario == nil) == (replay == nil) {
            throw ValidationError("give either --scenario NAME or --replay FILE")
        }
        if config != nil && replay == nil {
            throw ValidationError("--config applies to --replay only; scenarios carry their own node")
        }
    }

    func run() throws {
        if let scenario {
            let report = try Simulator.run(scenario.scenario, policy: policy.policy, seed: seed)
            try OutputFile.write(
                format == .json ? report.json.serialized() : report.text(summary: scenario.scenario.summary), to: nil)
            return
        }
        guard let replay else { preconditionFailure("validate() requires --scenario or --replay") }
        let settings = try config.map { try ReplaySettings(agentConfiguration: $0) } ?? ReplaySettings()
        let prepared = try Replay(ArrivalRecording(contentsOf: replay), path: replay, settings: settings)
        let report = ReplayReport(
            replay: prepared, replayed: try Simulator.replay(prepared, policy: policy.policy, seed: seed))
        try OutputFile.write(format == .json ? report.json.serialized() : report.text, to: nil)
    }
}

/// A built-in scenario named on the command line; the names are the choices.
struct ScenarioName: ExpressibleByArgument {
    let scenario: Scenario

    init?(argument: String) {
        guard let scenario = Scenario.named(argument) else { return nil }
        self.scenario = scenario
    }

    static var allValueStrings: [String] { Scenario.builtIn.map(\.name) }
}

/// A scheduler named on the command line: one of ``SimulatedPolicy``'s cases.
struct PolicyName: ExpressibleByArgument {
    let policy: SimulatedPolicy

    init(_ policy: SimulatedPolicy) {
        self.policy = policy
    }

    init?(argument: String) {
        guard let policy = SimulatedPolicy(rawValue: argument) else { return nil }
        self.policy = policy
    }

    var defaultValueDescription: String { policy.rawValue }

    static var allValueStrings: [String] { SimulatedPolicy.allCases.map(\.rawValue) }
}
