// The conformances are as public as the load types, so the protocol's
// module must be imported publicly; nothing imports this executable.
public import ArgumentParser
public import LoadGenerator
import Topology

/// `edgesched load`: an open-loop load generator for Open Inference Protocol
/// servers (the agent, Triton, MLServer) that counts refusals as outcomes.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Send open-loop inference load and report outcomes, latency and goodput per class.",
        discussion: """
            Arrivals follow the schedule drawn from --seed whatever the server answers; latency counts \
            from each request's intended send time, so queueing in the client shows. A request is on time \
            only when its HTTP 200 answer arrives within its class timeout. See docs/load.md.
            """
    )

    @Option(help: "Server address, http://HOST:PORT.")
    var url: String = "http://127.0.0.1:8000"

    @Option(help: "Model to send to (its metadata gives the inputs).")
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

    @Option(help: "Tensor encoding: json, or binary (Triton's binary tensor extension).")
    var tensors: LoadPlan.TensorEncoding = .json

    @Option(help: "The most connections open at once.")
    var connections: Int = 64

    @Option(help: "Seed of the arrivals, the class draws and the tensor values.")
    var seed: UInt64 = 1

    @Flag(help: "Send each class's 1-based position as the priority (as Triton reads it) instead of its name.")
    var priorityAsInteger = false

    @Flag(help: "Send neither priority nor timeout (a server without classes or deadlines, a FIFO baseline).")
    var noClassParameters = false

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
            return try LoadPlan(
                url: ServerURL(parsing: url), model: model, rate: rate, duration: duration, arrivals: arrivals,
                classes: classes.map { text throws(LoadError) in try TrafficClass.parse(text) }, tensors: tensors,
                connections: connections, seed: seed, priorityAsInteger: priorityAsInteger,
                withoutClassParameters: noClassParameters
            ).validated()
        } catch let error as LoadError {
            throw ValidationError(error.message)
        }
    }
}

extension ArrivalProcess: ExpressibleByArgument {}

extension LoadPlan.TensorEncoding: ExpressibleByArgument {}
