// The conformances are as public as the load types, so the protocol's
// module must be imported publicly; nothing imports this executable.
public import ArgumentParser
public import LoadGenerator
import Topology

/// `edgesched load`: an open-loop load generator for Open Inference Protocol
/// servers (the agent, Triton, MLServer) over HTTP, and for the agent's
/// ZeroMQ ingress, that counts refusals as outcomes.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Send open-loop inference load and report outcomes, latency and goodput per class.",
        discussion: """
            Arrivals follow the schedule drawn from --seed whatever the server answers; latency counts \
            from each request's intended send time, so queueing in the client shows. A request is on time \
            only when its 200 answer arrives within its class timeout. Give the server as --url (HTTP), \
            --grpc (gRPC, docs/grpc.md) or --endpoint (ZeroMQ, docs/protocol.md). See docs/load.md.
            """
    )

    @Option(help: "Server address over HTTP, http://HOST:PORT (this, --grpc or --endpoint).")
    var url: String?

    @Option(help: "Server address over gRPC (Triton's GRPCInferenceService), HOST:PORT (this, --url or --endpoint).")
    var grpc: String?

    @Option(help: "The agent's ZeroMQ ingress, tcp://HOST:PORT or ipc://PATH (this, --url or --grpc).")
    var endpoint: String?

    @Option(
        help: ArgumentHelp(
            "The folder of model manifests: over --endpoint it gives the inputs (default models); its variant "
                + "accuracies give the effective accuracy (over --url only when given)."))
    var models: String?

    @Option(help: "Model to send to (its metadata, or its manifest with --endpoint, gives the inputs).")
    var model: String

    @Option(help: "Arrivals per second.")
    var rate: Double = 100

    @Option(help: "How long to send, such as 10s, 500ms or 2m.")
    var duration: String = "10s"

    @Option(help: "Spacing of arrivals.")
    var arrivals: ArrivalProcess = .poisson

    @Option(
        name: .customLong("class"),
        help: ArgumentHelp(
            "A traffic class NAME:SHARE:TIMEOUT (critical:0.1:50ms); repeat it, shares adding up to 1. "
                + "None: one class with no timeout and no priority sent.",
            valueName: "class"))
    var classes: [String] = []

    @Option(help: "With --url: tensor encoding, json (default) or binary (Triton's binary tensor extension).")
    var tensors: LoadPlan.TensorEncoding?

    @Option(help: "The most HTTP connections open at once (default 64), or ZeroMQ DEALER sockets (default 1).")
    var connections: Int?

    @Option(help: "With --url: connections opened before the first arrival (default 0: each when first needed).")
    var preconnect = 0

    @Option(help: "Seed of the arrivals, the class draws and the tensor values.")
    var seed: UInt64 = 1

    @Flag(help: "Send each class's 1-based position as the priority (as Triton reads it) instead of its name.")
    var priorityAsInteger = false

    @Flag(help: "Send neither priority nor timeout (a server without classes or deadlines, a FIFO baseline).")
    var noClassParameters = false

    @Flag(help: "Ask the agent to answer with the preferred variant only (edgesched_allow_downgrade: false).")
    var noDowngrades = false

    @Option(help: "The cheapest variant the agent may downgrade to (edgesched_min_variant), such as int8.")
    var lowestVariant: String?

    @Option(
        name: .customLong("parameter"),
        help: "NAME=VALUE added to every HTTP request's parameters (repeatable), such as work_ms=5.")
    var parameters: [String] = []

    @Option(help: "Output format: text or json.")
    var format: LoadFormat = .text

    /// How the report is written.
    enum LoadFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        _ = try plan()
    }

    func run() throws {
        let report = try LoadRunner.runBlocking(try plan())
        try OutputFile.write(format == .json ? report.json.serialized() : report.text, to: nil)
    }

    private func plan() throws -> LoadPlan {
        do {
            guard let duration = DurationArgument.parse(duration) else {
                throw LoadError(
                    .invalidArgument, "--duration \(duration): expected a duration such as 10s, 500ms or 2m")
            }
            let classes = try classes.map { text throws(LoadError) in try TrafficClass.parse(text) }
            let extraParameters = try parameters.map { text throws(LoadError) in try RequestParameter.parse(text) }
            let target = try LoadTarget(url: url, grpc: grpc, endpoint: endpoint, models: models)
            if case .zeroMQ = target, let tensors {
                throw LoadError(
                    .invalidArgument,
                    "--tensors \(tensors.rawValue): goes with --url; over --endpoint tensors travel as raw frames")
            }
            if case .grpc = target, let tensors {
                throw LoadError(
                    .invalidArgument,
                    "--tensors \(tensors.rawValue): goes with --url; over --grpc tensors travel as raw_input_contents")
            }
            if case .grpc = target, let connections, connections != 1 {
                throw LoadError(
                    .invalidArgument,
                    "--connections \(connections): over --grpc every request is a stream of one connection")
            }
            return try LoadPlan(
                target: target, model: model, rate: rate, duration: duration, arrivals: arrivals, classes: classes,
                tensors: tensors ?? .json, connections: connections, preconnect: preconnect, seed: seed,
                priorityAsInteger: priorityAsInteger,
                withoutClassParameters: noClassParameters, allowDowngrades: !noDowngrades, lowestVariant: lowestVariant,
                extraParameters: extraParameters
            ).validated()
        } catch let error as LoadError {
            throw ValidationError(error.message)
        }
    }
}

extension ArrivalProcess: ExpressibleByArgument {}

extension LoadPlan.TensorEncoding: ExpressibleByArgument {}
