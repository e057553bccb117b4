import Agent
import ArgumentParser

/// `edgesched config`: the agent's configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check an agent configuration file.",
        subcommands: [CheckConfigCommand.self]
    )
}

/// `edgesched config check FILE`: every problem of a configuration, or ok.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List every problem of an agent configuration, with its YAML path, position and value.",
        discussion:
            "Exits 0 when the file is usable, 1 when it has problems. Keys and defaults: deploy/agent.example.yaml."
    )

    @Argument(help: "The agent configuration (YAML).")
    var file: String

    func run() throws {
        let configuration = try AgentConfiguration.load(path: file)
        try OutputFile.write("\(file): ok\n\(configuration.summary)", to: nil)
    }
}
