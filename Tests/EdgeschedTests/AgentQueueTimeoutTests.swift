import Foundation
import Testing

/// The real agent with `scheduling: {policy: queue-timeout}`.
@Suite struct AgentQueueTimeoutTests {
    @Test func theAgentSchedulesWithTheQueueTimeoutBaselineWhenConfiguredTo() throws {
        let file = try TemporaryFiles.configuration(named: "queue-timeout", "scheduling: {policy: queue-timeout}\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run(["-c", Self.requests, address.http])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(agent.terminate() == 0, "\(agent.output)")
        #expect(agent.output.contains("scheduling: policy queue-timeout"), "\(agent.output)")
    }

    /// Loads the synthetic model and sends 20 requests at once: each is
    /// answered with outputs.
    static let requests = """
        import http.client, json, sys, threading, urllib.request
        http_address = sys.argv[1]
        load = urllib.request.Request(f"http://{http_address}/v2/repository/models/synthetic-matmul/load", method="POST")
        assert urllib.request.urlopen(load).status == 200
        body = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 16], "data": [0.5] * 16}]})
        host, port = http_address.rsplit(":", 1)
        answers = []
        def send():
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            connection.request("POST", "/v2/models/synthetic-matmul/infer", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            answers.append((response.status, json.loads(response.read())))
        threads = [threading.Thread(target=send) for _ in range(20)]
        for thread in threads: thread.start()
        for thread in threads: thread.join()
        assert len(answers) == 20 and all(status == 200 for status, _ in answers), answers
        assert all(reply["outputs"][0]["name"] == "checksum" for _, reply in answers), answers
        """
}
