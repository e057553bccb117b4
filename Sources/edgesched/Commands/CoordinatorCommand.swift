import Agent
import ArgumentParser
import Logging

/// `edgesched coordinator`: gather a site's vectors and publish its plans until SIGTERM.
struct CoordinatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Gather the site's demand and capacity vectors and publish plans until SIGTERM or SIGINT.",
        discussion: """
            Run two or more per site, each with its own id and the others as peers: the live one with the \
            lowest id publishes, the others plan too and stand by (docs/cluster-protocol.md).
            """
    )

    @Option(help: "The coordinator configuration (YAML); see deploy/coordinator.example.yaml.")
    var config: String

    @Option(help: "Serve /metrics here instead of the configuration's address (HOST:PORT; port 0: any free port).")
    var metrics: ListenAddress?

    @Option(help: "The log level.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var configuration = try CoordinatorConfiguration.load(path: config)
        if let metrics { configuration.metrics = metrics }
        StandardErrorLogging.bootstrap(logLevel)
        try await Coordinator(configuration, logger: Logger(label: "edgesched")).run()
    }
}
