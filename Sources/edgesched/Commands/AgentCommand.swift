import Agent
import ArgumentParser
import Logging
import Messaging

/// `edgesched agent`: serve inference on this node until SIGTERM.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Serve the Open Inference Protocol on pinned workers until SIGTERM or SIGINT.",
        discussion: """
            Without --config the agent runs its embedded default (deploy/agent.example.yaml): this machine, \
            the models in ./models, HTTP on 127.0.0.1:8000, gRPC on 127.0.0.1:8001, ZeroMQ on tcp://127.0.0.1:5555, metrics on 127.0.0.1:8002.
            """
    )

    @Option(help: "The agent configuration (YAML); see deploy/agent.example.yaml.")
    var config: String?

    @Option(help: "Listen for HTTP here instead of the configuration's address (HOST:PORT; port 0: any free port).")
    var http: ListenAddress?

    @Option(help: "Serve gRPC here instead of the configuration's address (HOST:PORT; port 0: any free port).")
    var grpc: ListenAddress?

    @Option(help: "Bind the ZeroMQ ingress here instead (tcp://HOST:PORT, port * for any free one, or ipc://PATH).")
    var zeromq: String?

    @Option(help: "Serve /metrics here instead of the configuration's address (HOST:PORT; port 0: any free port).")
    var metrics: ListenAddress?

    @Option(help: "The log level.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var configuration =
            try config.map { path throws(ConfigurationError) in try AgentConfiguration.load(path: path) }
            ?? .embeddedDefault
        if let http { configuration.ingress.http = http }
        if let grpc { configuration.ingress.grpc = grpc }
        if let zeromq {
            do {
                configuration.ingress.zeromq = try ZeroMQEndpoint(parsing: zeromq, for: .bind)
            } catch {
                throw ValidationError("--zeromq: \"\(zeromq)\" is not a ZeroMQ endpoint: \(error)")
            }
        }
        if let metrics { configuration.metrics = metrics }
        StandardErrorLogging.bootstrap(logLevel)
        let logger = Logger(label: "edgesched")
        let agent = try await Agent.build(configuration, logger: logger)
        try await agent.run()
    }
}
