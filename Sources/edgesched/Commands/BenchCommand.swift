import ArgumentParser
import Cluster
import Scheduling
import Simulation
import Topology

/// `edgesched bench`: scenario benchmarks.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run scenario benchmarks.",
        subcommands: [SchedulingBenchCommand.self, PlanBenchCommand.self]
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

/// `edgesched bench plan`: the cluster planner on a synthetic site.
struct PlanBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Time the cluster planner on a seeded synthetic site and measure how much its plans move.",
        discussion: "Plans once to warm up, then --rounds times, each after demand changes by up to 5 % on 2 % of the"
            + " nodes, with the previous plan applied. moved_fraction is the share of placements added or removed"
            + " between consecutive plans (docs/cluster-planner.md). The same seed gives the same site."
    )

    @Option(help: "Nodes of the site (1 to \(PlanBenchmark.maximumNodes)).")
    var nodes: Int

    @Option(help: "Models of the site (1 to \(PlanBenchmark.maximumModels)).")
    var models: Int

    @Option(help: "Timed planning rounds.")
    var rounds = 20

    @Option(help: "Seed of the site and of its demand changes.")
    var seed: UInt64 = 1

    @Option(help: "Output format.")
    var format: SchedulingBenchCommand.BenchFormat = .text

    func validate() throws {
        guard (1...PlanBenchmark.maximumNodes).contains(nodes) else {
            throw ValidationError("--nodes \(nodes) must be 1 to \(PlanBenchmark.maximumNodes)")
        }
        guard (1...PlanBenchmark.maximumModels).contains(models) else {
            throw ValidationError("--models \(models) must be 1 to \(PlanBenchmark.maximumModels)")
        }
        guard rounds >= 1 else {
            throw ValidationError("--rounds \(rounds) must be 1 or more")
        }
    }

    func run() throws {
        let result = try PlanBenchmark.run(nodes: nodes, models: models, rounds: rounds, seed: seed)
        try OutputFile.write(format == .json ? result.json.serialized() : result.text, to: nil)
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
