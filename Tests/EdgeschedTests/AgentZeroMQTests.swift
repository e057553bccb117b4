import Foundation
import TestFixtures
import Testing

/// `edgesched agent`'s ZeroMQ ingress on the real process, driven by Python clients written from
/// docs/protocol.md alone (Tests/Clients/zeromq_client.py and zeromq_bad_clients.py, PyPI pyzmq).
@Suite(.serialized) struct AgentZeroMQTests {
    static let client = FixtureTrees.packageRoot + "/Tests/Clients/zeromq_client.py"

    /// Every shipped model equal to onnxruntime, priorities, timeouts, downgrade flags, many in flight with
    /// replies out of order, the refusals a client can cause; then SIGTERM while a backlog runs: every
    /// accepted request ran, new ones are answered `shutting_down`, and the agent exits 0.
    @Test func servesAClientWrittenFromTheProtocolDocumentAndDrainsOnSIGTERM() throws {
        let agent = try AgentProcess()
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run([
            Self.client, "models", address.zeromq, address.http, FixtureTrees.modelsFolder, address.metrics,
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        let drain = try Python.run([
            Self.client, "drain", address.zeromq, address.http, "\(agent.process.processIdentifier)",
        ])
        #expect(drain.status == 0, "\(drain.output)\(drain.error)\n--- agent log:\n\(agent.output)")
        #expect(drain.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
        #expect(agent.output.contains("lifecycle: stopped"))
    }

    /// Downgrade flags against a deadline, on a synthetic model whose rungs are far apart (60 ms and 1 ms)
    /// so that a busy machine cannot blur which one makes a 20 ms timeout.
    @Test func downgradeFlagsDecideTheVariantAgainstADeadline() throws {
        let folder = try TemporaryFiles.folder(named: "ladder")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.ladder.write(
            toFile: folder.appendingPathComponent("ladder.yaml").path, atomically: true, encoding: .utf8)
        let file = try TemporaryFiles.configuration(named: "zeromq-ladder", "models: {folder: \(folder.path)}\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        _ = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let endpoint = try #require(agent.waitUntilServingZeroMQ(), "no ZeroMQ endpoint: \(agent.output)")
        let client = try Python.run([Self.client, "ladder", endpoint])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    static let ladder = SyntheticManifest.yaml(
        name: "ladder", description: "two rungs far apart, for deadline downgrades",
        variants: [("full", 60), ("lite", 1)])

    /// Four in flight per DEALER and a class that queues two: past either, a refusal at once, counted.
    @Test func refusesPastThePerPeerInFlightLimitAndAFullQueue() throws {
        let file = try TemporaryFiles.configuration(
            named: "zeromq-limits",
            """
            zeromq: {max_in_flight_per_peer: 4}
            classes:
              - {name: critical, strict: true, timeout: 50ms}
              - {name: standard, weight: 4, timeout: 200ms}
              - {name: small, weight: 1, timeout: 2s, max_queue: 2}
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run([Self.client, "limits", address.zeromq, address.http, address.metrics, "4"])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    /// Requests queued behind runs far longer than declared are answered 504 at their deadline; a run that
    /// fails in ONNX Runtime is answered 500; the next request is served.
    @Test func answersDeadlineExceededAndRuntimeErrorsAndKeepsServing() throws {
        let models = try FaultyModels(named: "zeromq-faulty")
        defer { models.remove() }
        let agent = try AgentProcess(["--config", models.configFile])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let workers = try #require(agent.plannedWorkers, "no plan in the log: \(agent.output)")
        let client = try Python.run([Self.client, "faulty", address.zeromq, models.folder, "\(workers)"])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    /// Truncated and extra frames, other versions, lengths that lie, shapes that overflow, a frame over
    /// `max_message_bytes`, random bytes, a peer that leaves and one that never reads: each answered 400
    /// or dropped, counted, and the agent keeps serving everyone else.
    @Test func badInputIsAnsweredOrDroppedAndCountedWhileTheAgentKeepsServing() throws {
        let maxMessageBytes = 1_048_576
        let file = try TemporaryFiles.configuration(
            named: "zeromq-bad",
            "zeromq: {max_message_bytes: \(maxMessageBytes)}\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/zeromq_bad_clients.py", address.zeromq, address.http,
            address.metrics, "\(maxMessageBytes)",
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
    }
}
