import Foundation
import TestFixtures
import Testing

/// `edgesched agent` as a real process, driven by real clients.
@Suite(.serialized) struct AgentCommandTests {
    @Test func servesTritonsHTTPClientOnTheEmbeddedDefault() throws {
        let agent = try AgentProcess()
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/tritonclient_http.py", address.http, FixtureTrees.modelsFolder,
            "67108864", address.metrics,
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
        #expect(agent.output.contains("lifecycle: stopped"))
    }

    @Test func servesTritonsGRPCClient() throws {
        let agent = try AgentProcess()
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let grpc = try #require(agent.waitUntilServingGRPC(), "no gRPC address in the log: \(agent.output)")
        let client = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/tritonclient_grpc.py", grpc, FixtureTrees.modelsFolder,
            "67108864", address.metrics,
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
        #expect(agent.output.contains("grpc: stopped"))
    }

    /// With 10 s every queued request runs; with 1 ms (less than one 5 ms run) what is queued at the
    /// timeout is answered `shutting_down`. Either way nothing that reached the agent goes unanswered.
    @Test(
        "SIGTERM under load: every accepted request is answered, the exit code is 0",
        arguments: ["10s", "1ms"])
    func sigtermUnderLoadAnswersEveryAcceptedRequest(drainTimeout: String) throws {
        let file = try TemporaryFiles.configuration(
            named: "drain-\(drainTimeout)", "limits: {drain_timeout: \(drainTimeout)}\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let load = try Python.run(["-c", Self.loadSynthetic, address.http])
        #expect(load.status == 0, "\(load.output)\(load.error)")
        let client = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/drain_under_load.py", address.http,
            "\(agent.process.processIdentifier)", "32",
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(agent.terminate() == 0, "\(agent.output)")
        #expect(agent.output.contains("lifecycle: draining"))
        #expect(agent.output.contains("lifecycle: stopped"))
    }

    /// Loads the synthetic model (it is not preloaded) through the repository API.
    static let loadSynthetic = """
        import sys, urllib.request
        request = urllib.request.Request(f"http://{sys.argv[1]}/v2/repository/models/synthetic-matmul/load", method="POST")
        assert urllib.request.urlopen(request).status == 200
        """

    /// Models that misbehave on purpose, generated into a temporary folder (Tests/Clients/faulty_models.py):
    /// requests queued behind runs far longer than declared are answered 504 (gRPC: DEADLINE_EXCEEDED) at
    /// their deadline, a run that fails in ONNX Runtime is answered 500 (INTERNAL), and the agent keeps serving.
    @Test func answersDeadlineExceededAndRuntimeErrorsThroughHTTPAndGRPCAndKeepsServing() throws {
        let models = try FaultyModels(named: "faulty")
        defer { models.remove() }
        let agent = try AgentProcess(["--config", models.configFile])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let workers = try #require(agent.plannedWorkers, "no plan in the log: \(agent.output)")
        let client = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/deadline_and_runtime_errors.py", address.http, models.folder,
            "\(workers)",
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
        // A new agent: this one has learned how long slow-loop runs and refuses it at once.
        let grpcAgent = try AgentProcess(["--config", models.configFile])
        let grpc = try #require(grpcAgent.waitUntilServingGRPC(), "no gRPC address: \(grpcAgent.output)")
        let grpcClient = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/grpc_deadline_and_runtime_errors.py", grpc, "\(workers)",
        ])
        #expect(grpcClient.status == 0, "\(grpcClient.output)\(grpcClient.error)\n--- agent log:\n\(grpcAgent.output)")
        #expect(grpcClient.output.hasSuffix("all checks passed\n"))
        #expect(grpcAgent.terminate() == 0, "\(grpcAgent.output)")
    }

    /// A synthetic variant with `service_ms: 0` does no work, yet the scheduler has it (its first estimate is
    /// 1 µs, the scheduler's estimates being positive) and answers it as any other.
    @Test func aNoOpSyntheticModelIsServed() throws {
        let folder = try TemporaryFiles.folder(named: "noop").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        name: noop
        inputs: [{name: x, datatype: FP32, shape: [-1, 2]}]
        outputs: [{name: checksum, datatype: FP64, shape: [1]}]
        variants: [{name: none, runtime: synthetic, service_ms: 0, memory_mb: 1}]
        placement: {domains: all, preload: true}
        """.write(toFile: folder + "/noop.yaml", atomically: true, encoding: .utf8)
        let file = folder + ".yaml"
        try "models: {folder: \(folder)}\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run(["-c", Self.inferNoop, address.http])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output == "none FP64 [1]\n")
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    /// One infer request for the no-op model over HTTP; prints the variant and the output's type and shape.
    static let inferNoop = """
        import json, sys, urllib.request
        body = json.dumps({"inputs": [{"name": "x", "datatype": "FP32", "shape": [1, 2], "data": [1.0, 2.0]}]})
        request = urllib.request.Request(f"http://{sys.argv[1]}/v2/models/noop/infer", data=body.encode(),
                                         headers={"Content-Type": "application/json"})
        reply = json.load(urllib.request.urlopen(request))
        output = reply["outputs"][0]
        print(reply["model_version"], output["datatype"], output["shape"])
        """

    @Test func aSlowClientAndManyConnectionsAtOnceAreServedWhileEveryoneElseIs() throws {
        let agent = try AgentProcess()
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run([FixtureTrees.packageRoot + "/Tests/Clients/bad_clients.py", address.http, "300"])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    @Test func aBadConfigurationStopsTheStartWithEveryProblem() throws {
        let file = try TemporaryFiles.configuration(named: "agent", "placement: {smt: both}\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try Edgesched.run(["agent", "--config", file])
        #expect(result.status == 1)
        #expect(result.error.contains("\(file):1:18: placement.smt: \"both\" is not one of core, thread"))
    }
}

/// The machine's `python3` with the packages `scripts/setup.sh` installs.
enum Python {
    static func run(_ arguments: [String]) throws -> Edgesched.Result {
        try Edgesched.run(command: ["/usr/bin/env", "python3"] + arguments)
    }
}
