import Foundation
import TestFixtures
import Testing

/// The arrival recording end to end: a real agent with `recording` set,
/// requests over HTTP and ZeroMQ, SIGTERM, then `edgesched record inspect`
/// on the file it left.
struct RecordCommandTests {
    /// Five requests reach the scheduler (one refused `model_unavailable`
    /// before the model is loaded, four served, one pinned to `lite`) and one
    /// malformed request is answered by the ingress: the recording holds
    /// exactly the five, by ingress, class, outcome and variant.
    @Test func inspectShowsExactlyTheRequestsTheAgentAnswered() throws {
        let (folder, path, _) = try Self.record(named: "recording", maxMegabytes: 1) { http, zeromq in
            ["-c", Self.client, http, zeromq, Self.clients]
        }
        defer { try? FileManager.default.removeItem(at: folder) }

        let inspect = try Edgesched.run(["record", "inspect", path, "--json"])
        #expect(inspect.status == 0, "\(inspect.error)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(inspect.output.utf8)) as? [String: Any], "\(inspect.output)")
        #expect(summary["schema"] as? String == "edgesched.record.inspect/v1")
        #expect(summary["requests"] as? Int == 5)
        #expect(summary["dropped"] as? Int == 0)
        #expect(summary["served"] as? Int == 4)
        #expect(summary["refused"] as? [String: Int] == ["model_unavailable": 1])
        #expect(summary["ingresses"] as? [String: Int] == ["http": 3, "zeromq": 2])
        let groups = try #require(summary["groups"] as? [[String: Any]])
        let byClass = Dictionary(
            uniqueKeysWithValues: groups.map { ($0["class"] as? String ?? "", ($0["requests"], $0["served"])) })
        #expect(byClass.keys.sorted() == ["batch", "critical", "standard"])
        #expect(byClass["critical"].map { $0.0 as? Int == 1 && $0.1 as? Int == 1 } == true)
        #expect(byClass["standard"].map { $0.0 as? Int == 3 && $0.1 as? Int == 2 } == true)
        #expect(byClass["batch"].map { $0.0 as? Int == 1 && $0.1 as? Int == 1 } == true)
        let variants = try #require(summary["variants"] as? [[String: Any]])
        let runs = Dictionary(
            uniqueKeysWithValues: variants.map { ($0["variant"] as? String ?? "", $0["runs"] as? Int) })
        #expect((runs["full"].flatMap { $0 } ?? 0) + (runs["lite"].flatMap { $0 } ?? 0) == 4, "\(runs)")
        #expect((runs["lite"].flatMap { $0 } ?? 0) >= 1, "\(runs)")

        let text = try Edgesched.run(["record", "inspect", path])
        #expect(text.status == 0)
        #expect(text.output.contains("5 requests, arrivals from "))
        #expect(text.output.contains("outcomes: served 4, model_unavailable 1\n"))
        #expect(text.output.contains("ingress: http 3, zeromq 2\n"))
    }

    /// A file cut inside a record, and one that is no recording at all:
    /// exit 1, naming the file and the byte offset.
    @Test func inspectNamesTheFileAndOffsetWhereARecordingStopsBeingOne() throws {
        let (folder, path, file) = try Self.record(named: "recording-cut", maxMegabytes: 64) { http, _ in
            ["-c", Self.oneRequest, http]
        }
        defer { try? FileManager.default.removeItem(at: folder) }

        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = folder.appendingPathComponent("cut.esrec").path
        try whole.dropLast(10).write(to: URL(fileURLWithPath: cut))
        let truncated = try Edgesched.run(["record", "inspect", cut])
        #expect(truncated.status == 1)
        #expect(
            truncated.error.contains(
                "\(cut): at byte \(whole.count - 64): the file ends inside a record (54 of 64 bytes)"),
            "\(truncated.error)")

        let foreign = try Edgesched.run(["record", "inspect", file])
        #expect(foreign.status == 1)
        #expect(foreign.error.contains("\(file): at byte 0: not an edgesched recording"), "\(foreign.error)")
    }

    static let clients = FixtureTrees.packageRoot + "/Tests/Clients"

    /// Starts an agent recording into a new folder (the caller removes it),
    /// runs the Python `client` given the agent's HTTP address and ZeroMQ
    /// endpoint, and stops the agent with SIGTERM; returns the folder, the
    /// recording and the agent's configuration file in it.
    static func record(
        named name: String, maxMegabytes: Int, client: (_ http: String, _ zeromq: String) -> [String]
    ) throws -> (folder: URL, recording: String, configuration: String) {
        let folder = try TemporaryFiles.folder(named: name)
        let recording = folder.appendingPathComponent("arrivals.esrec").path
        let configuration = folder.appendingPathComponent("agent.yaml").path
        try "recording: {path: \(recording), max_mb: \(maxMegabytes)}\n".write(
            toFile: configuration, atomically: true, encoding: .utf8)
        let agent = try AgentProcess(["--config", configuration])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let run = try Python.run(client(address.http, address.zeromq))
        #expect(run.status == 0, "\(run.output)\(run.error)\n--- agent log:\n\(agent.output)")
        #expect(agent.terminate() == 0, "\(agent.output)")
        return (folder, recording, configuration)
    }

    /// One request that reaches the scheduler (refused: the model is not loaded).
    static let oneRequest = """
        import json, sys, urllib.error, urllib.request
        body = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 16], "data": [0.5] * 16}]})
        request = urllib.request.Request(f"http://{sys.argv[1]}/v2/models/synthetic-matmul/infer", body.encode(),
                                         {"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request)
            sys.exit("served before the model was loaded")
        except urllib.error.HTTPError as error:
            assert json.loads(error.read())["reason"] == "model_unavailable"
        """

    /// Three requests over HTTP (one before the load), one malformed, two over ZeroMQ.
    static let client = """
        import json, sys, urllib.error, urllib.request
        http, endpoint = sys.argv[1], sys.argv[2]
        sys.path.insert(0, sys.argv[3])
        import numpy as np, zmq
        from zeromq_frames import NO_DOWNGRADE, Dealer, request

        def post(path, payload):
            request = urllib.request.Request(f"http://{http}{path}", json.dumps(payload).encode(),
                                             {"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    return answer.status, json.loads(answer.read())
            except urllib.error.HTTPError as error:
                return error.code, json.loads(error.read())

        tensor = {"name": "input", "datatype": "FP32", "shape": [1, 16], "data": [0.5] * 16}
        status, answer = post("/v2/models/synthetic-matmul/infer", {"inputs": [tensor]})
        assert answer.get("reason") == "model_unavailable", (status, answer)
        load = urllib.request.Request(f"http://{http}/v2/repository/models/synthetic-matmul/load", method="POST")
        assert urllib.request.urlopen(load, timeout=60).status == 200
        status, answer = post("/v2/models/synthetic-matmul/infer",
                              {"parameters": {"priority": "critical", "timeout": 500000}, "inputs": [tensor]})
        assert status == 200, (status, answer)
        status, answer = post("/v2/models/synthetic-matmul/versions/lite/infer", {"inputs": [tensor]})
        assert status == 200 and answer["model_version"] == "lite", (status, answer)
        status, answer = post("/v2/models/synthetic-matmul/infer", {"inputs": [dict(tensor, shape=[1, 15])]})
        assert status == 400, (status, answer)

        dealer = Dealer(zmq.Context(), endpoint)
        inputs = {"input": np.full([1, 16], 0.5, dtype=np.float32)}
        reply = dealer.call(request(1, "synthetic-matmul", inputs, priority="batch", flags=NO_DOWNGRADE))
        assert reply is not None and reply.status == 200 and reply.variant == "full", reply
        reply = dealer.call(request(2, "synthetic-matmul", inputs, priority="standard", lowest="lite"))
        assert reply is not None and reply.status == 200, reply
        dealer.close()
        print("five requests answered")
        """
}
