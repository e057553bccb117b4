import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small real HTTP/1.1 server on 127.0.0.1 that speaks enough of the Open
/// Inference Protocol for the load generator's tests: model metadata, and
/// infer answered as the test decides per request (200 after a delay, a
/// refusal with a reason, 504, no answer, a dropped connection). It checks
/// every infer body it receives, JSON or binary, and counts what it saw.
public final class InferenceTestServer: Sendable {
    /// What the server does with one infer request.
    public enum Answer: Sendable {
        /// 200 with a small JSON output, after `delay`; `variant` (nil: none) as its `model_version`.
        case ok(delay: Duration, variant: String? = nil)
        /// `status` with `{"error": "...", "reason": reason}` (no `reason` member when nil).
        case error(status: Int, reason: String?)
        /// Nothing, ever; the connection stays open.
        case silence
        /// Close the connection without answering.
        case hangUp
    }

    /// An infer request as the server read it.
    public struct Request: Sendable {
        /// `parameters.priority`, as text (an integer priority in decimal).
        public var priority: String?
        /// `parameters.timeout`, µs.
        public var timeout: Int?
        /// `parameters.edgesched_allow_downgrade`; nil when absent.
        public var allowDowngrade: Bool?
    }

    /// What the server has seen so far.
    public struct Log: Sendable {
        /// Infer requests whose body matched its headers and the metadata.
        public var wellFormed = 0
        /// Infer requests whose body did not, with the first problem of each.
        public var problems: [String] = []
        /// Well-formed requests that used the binary tensor extension.
        public var binary = 0
        /// Requests by `priority` (`-` for none).
        public var priorities: [String: Int] = [:]
        /// Requests by `timeout` (`-` for none).
        public var timeouts: [String: Int] = [:]
        /// Requests with `edgesched_allow_downgrade: false`.
        public var downgradesRefused = 0
        /// Connections accepted.
        public var connections = 0
    }

    /// The port it listens on.
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let state: Shared

    /// Starts on 127.0.0.1, port 0, serving `model` with `inputs` and `outputs`
    /// (name, datatype, shape) and answering each infer request with `answer(request)`. With
    /// `connectionLimit` it stops listening once it has accepted that many connections, so that the next
    /// connect is refused.
    public static func start(
        model: String = "toy",
        inputs: [(name: String, datatype: String, shape: [Int])] = [("x", "FP32", [1, 4])],
        outputs: [(name: String, datatype: String, shape: [Int])] = [("y", "FP32", [1, 2])],
        connectionLimit: Int? = nil,
        answer: @escaping @Sendable (Request) -> Answer
    ) async throws -> InferenceTestServer {
        let tensors: ([(name: String, datatype: String, shape: [Int])]) -> [[String: Any]] = { list in
            list.map { ["name": $0.name, "datatype": $0.datatype, "shape": $0.shape] }
        }
        let metadata = try JSONSerialization.data(withJSONObject: [
            "name": model, "versions": ["1"], "platform": "test", "inputs": tensors(inputs),
            "outputs": tensors(outputs),
        ])
        let shared = Shared(
            model: model, metadata: Array(metadata), inputs: inputs.map { ($0.name, $0.datatype, $0.shape) },
            outputNames: outputs.map(\.name), connectionLimit: connectionLimit, answer: answer)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                shared.log.withLock { $0.connections += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(shared: shared))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return InferenceTestServer(port: channel.localAddress?.port ?? 0, group: group, channel: channel, state: shared)
    }

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel, state: Shared) {
        self.port = port
        self.group = group
        self.channel = channel
        self.state = state
    }

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// What the server has seen.
    public var log: Log { state.log.withLock { $0 } }

    /// Stops listening, closes every connection and ends the server's thread.
    public func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }

    final class Shared: Sendable {
        let model: String
        let metadata: [UInt8]
        let inputs: [(String, String, [Int])]
        let outputNames: [String]
        let connectionLimit: Int?
        let answer: @Sendable (Request) -> Answer
        let log = Mutex(Log())

        init(
            model: String, metadata: [UInt8], inputs: [(String, String, [Int])], outputNames: [String],
            connectionLimit: Int?, answer: @escaping @Sendable (Request) -> Answer
        ) {
            self.model = model
            self.metadata = metadata
            self.inputs = inputs
            self.outputNames = outputNames
            self.connectionLimit = connectionLimit
            self.answer = answer
        }
    }
}
