import Foundation
import TestFixtures
import Testing

/// The agent's limits on clients, on the real process.
struct AgentLimitsTests {
    /// Twelve requests at once on a 5 ms model with `max_in_flight: 2`: each
    /// gets exactly one answer, 200 or 429 `in_flight_limit` with
    /// `Retry-After`, and the refusals are counted in the metrics.
    @Test func requestsPastTheInFlightLimitAreRefusedAndCounted() throws {
        let file = try TemporaryFiles.configuration(named: "in-flight", "limits: {max_in_flight: 2}\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run(["-c", Self.burst, address.http, address.metrics])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    /// Each thread connects first and sends once all are connected, so the
    /// twelve requests overlap even on a busy machine.
    static let burst = """
        import http.client, json, re, sys, threading, urllib.request
        http_address, metrics = sys.argv[1], sys.argv[2]
        load = urllib.request.Request(f"http://{http_address}/v2/repository/models/synthetic-matmul/load", method="POST")
        assert urllib.request.urlopen(load).status == 200
        body = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 16], "data": [0.5] * 16}]})
        host, port = http_address.rsplit(":", 1)
        answers, start = [], threading.Barrier(12)
        def send():
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            connection.connect()
            start.wait()
            connection.request("POST", "/v2/models/synthetic-matmul/infer", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            reason = None if response.status == 200 else json.loads(payload)["reason"]
            answers.append((response.status, reason, response.getheader("Retry-After")))
        threads = [threading.Thread(target=send) for _ in range(12)]
        for thread in threads: thread.start()
        for thread in threads: thread.join()
        assert len(answers) == 12, answers
        refused = [a for a in answers if a[0] != 200]
        assert all(a == (429, "in_flight_limit", "1") for a in refused), answers
        assert 0 < len(refused) <= 10, answers
        exposition = urllib.request.urlopen(f"http://{metrics}/metrics").read().decode()
        counted = re.search(r'edgesched_ingress_rejections_total\\{ingress="http",reason="in_flight_limit"\\} (\\d+)', exposition)
        assert counted and int(counted.group(1)) == len(refused), (len(refused), counted and counted.group(0))
        print(f"{len(refused)} of 12 refused in_flight_limit")
        """
}
