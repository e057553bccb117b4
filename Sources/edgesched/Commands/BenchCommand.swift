import ArgumentParser
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
            + ". The same seed gives the same result."
    )

    @Option(help: "A built-in scenario (listed above).")
    var scenario: ScenarioName

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

    func run() throws {
        let report = try Simulator.run(scenario.scenario, policy: policy.policy, seed: seed)
        try OutputFile.write(
            format == .json ? report.json.serialized() : report.text(summary: scenario.scenario.summary), to: nil)
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
