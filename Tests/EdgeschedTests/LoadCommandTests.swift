import Foundation
import InferenceTestServer
import TestFixtures
import Testing

/// `edgesched load` as an operator runs it, through the built binary against a real server.
@Suite struct LoadCommandTests {
    @Test func printsTheLoadReportAsJSON() async throws {
        let server = try await InferenceTestServer.start { request in
            request.priority == "batch" ? .error(status: 429, reason: "queue_full") : .ok(delay: .milliseconds(2))
        }
        let result = try Edgesched.run([
            "load", "--url", server.url, "--model", "toy", "--rate", "100", "--duration", "300ms", "--arrivals",
            "fixed", "--class", "critical:0.5:1s", "--class", "batch:0.5", "--tensors", "binary", "--format", "json",
        ])
        let log = server.log
        try await server.stop()
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "edgesched.load/v1")
        #expect(document["tensors"] as? String == "binary")
        #expect(document["latency_from"] as? String == "intended_send_time")
        let classes = try #require(document["classes"] as? [[String: Any]])
        #expect(classes.map { $0["name"] as? String } == ["critical", "batch"])
        #expect(classes.map { $0["timeout_us"] as? Int } == [1_000_000, nil])
        let total = try #require(document["total"] as? [String: Any])
        #expect(total["offered"] as? Int == 30)
        let batch = classes[1]
        #expect((batch["refused"] as? [String: Int])?["queue_full"] == batch["offered"] as? Int)
        for row in classes + [total] {
            let counted = [row["answered"], row["deadline_exceeded"], row["refused_total"], row["errors_total"]]
                .compactMap { $0 as? Int }.reduce(0, +)
            #expect(counted == row["offered"] as? Int, "every request counted once: \(row)")
            for key in ["admitted", "on_time", "late", "on_time_pct", "latency_us", "goodput_per_s"] {
                #expect(row[key] != nil, "\(key) in \(row)")
            }
        }
        for key in ["sent_per_s", "generator_lag_us", "drain_s", "rate_per_s", "duration_s", "seed"] {
            #expect(document[key] != nil, "\(key)")
        }
        #expect(log.binary == 30, "\(log.problems)")
    }

    @Test func loadsTheAgentOverZeroMQWithTheSameReport() throws {
        let agent = try AgentProcess()
        defer { _ = agent.terminate() }
        let endpoint = try #require(agent.waitUntilServingZeroMQ(), "\(agent.output)")
        #expect(agent.waitUntilServing() != nil, "\(agent.output)")
        let result = try Edgesched.run([
            "load", "--endpoint", endpoint, "--models", FixtureTrees.packageRoot + "/models", "--model", "sensor-mlp",
            "--rate", "100", "--duration", "300ms", "--arrivals", "fixed", "--class", "critical:0.5:2s", "--class",
            "batch:0.5", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "edgesched.load/v1")
        #expect(document["url"] as? String == endpoint)
        #expect(document["transport"] as? String == "zeromq")
        #expect(document["tensors"] as? String == "frames")
        #expect(document["connections"] as? Int == 1)
        let total = try #require(document["total"] as? [String: Any])
        #expect(total["offered"] as? Int == 30)
        let classes = try #require(document["classes"] as? [[String: Any]])
        for row in classes + [total] {
            #expect(row["answered"] as? Int == row["offered"] as? Int, "the agent serves sensor-mlp: \(row)")
            #expect(row["errors_total"] as? Int == 0, "\(row)")
        }
        #expect(classes.first?["on_time"] as? Int == classes.first?["offered"] as? Int, "2 s is ample: \(classes)")
        #expect(document["downgrades_allowed"] as? Bool == true)
        let accuracies = try #require(document["accuracies"] as? [String: Any])
        let variants = try #require(accuracies["variants"] as? [[String: Any]])
        let accuracy = Dictionary(uniqueKeysWithValues: variants.map { ($0["name"] as? String ?? "", $0["accuracy"]) })
        for row in classes + [total] {
            let byVariant = try #require(row["on_time_by_variant"] as? [String: Int], "\(row)")
            let sum = byVariant.reduce(0.0) { $0 + Double($1.value) * ((accuracy[$1.key] as? Double) ?? .nan) }
            let effective = try #require(row["effective_accuracy"] as? Double, "\(row)")
            let offered = try #require(row["offered"] as? Int)
            #expect(abs(effective - sum / Double(offered)) < 1e-9, "from the reply's variants: \(row)")
            #expect(row["accuracy_unknown"] as? [String: Int] == [:])
        }
    }

    /// Over gRPC the classes' parameters reach the agent as typed values: a critical class with a
    /// 1 µs timeout is refused at once (`would_miss_deadline`, RESOURCE_EXHAUSTED), the rest served.
    @Test func loadsTheAgentOverGRPCWithTheSameReport() throws {
        let agent = try AgentProcess()
        defer { _ = agent.terminate() }
        let grpc = try #require(agent.waitUntilServingGRPC(), "\(agent.output)")
        let result = try Edgesched.run([
            "load", "--grpc", grpc, "--model", "sensor-mlp", "--rate", "100", "--duration", "300ms", "--arrivals",
            "fixed", "--class", "critical:0.5:1us", "--class", "standard:0.5:2s", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["transport"] as? String == "grpc")
        #expect(document["tensors"] as? String == "raw_input_contents")
        let classes = try #require(document["classes"] as? [[String: Any]])
        #expect((classes[0]["refused"] as? [String: Int])?["would_miss_deadline"] == classes[0]["offered"] as? Int)
        #expect(classes[1]["on_time"] as? Int == classes[1]["offered"] as? Int, "\(classes)")
        let total = try #require(document["total"] as? [String: Any])
        #expect(total["offered"] as? Int == 30)
        #expect(total["errors_total"] as? Int == 0, "\(total)")
    }

    @Test func theAgentTakesTheDowngradeChoicesOverEveryTransportAndNamesTheVariantThatAnswered() throws {
        let agent = try AgentProcess()
        defer { _ = agent.terminate() }
        let addresses = try #require(agent.waitUntilServing(), "\(agent.output)")
        let grpc = try #require(agent.waitUntilServingGRPC(), "\(agent.output)")
        let targets = [["--endpoint", addresses.zeromq], ["--url", "http://\(addresses.http)"], ["--grpc", grpc]]
        let choices = [["--no-downgrades"], ["--lowest-variant", "int8"]]
        for (target, choice) in targets.flatMap({ target in choices.map { (target, $0) } }) {
            let result = try Edgesched.run(
                ["load"] + target + choice + [
                    "--models", FixtureTrees.packageRoot + "/models", "--model", "sensor-mlp", "--rate", "100",
                    "--duration", "200ms", "--arrivals", "fixed", "--format", "json",
                ])
            #expect(result.status == 0, "\(result.error)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect(document["downgrades_allowed"] as? Bool == (choice[0] != "--no-downgrades"))
            #expect(document["lowest_variant"] as? String == (choice[0] == "--lowest-variant" ? "int8" : nil))
            let total = try #require(document["total"] as? [String: Any])
            #expect(total["on_time_by_variant"] as? [String: Int] == ["fp32": 20], "\(target): \(total)")
            #expect(total["effective_accuracy"] as? Double == 1, "light load: fp32 (accuracy 1.0) answers: \(total)")
        }
    }

    @Test func aModelsFolderWithoutTheModelFailsTheRunNamingIt() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero) }
        let folder = FixtureTrees.packageRoot + "/models"
        let result = try Edgesched.run([
            "load", "--url", server.url, "--models", folder, "--model", "toy", "--duration", "100ms",
        ])
        try await server.stop()
        #expect(result.status == 1)
        #expect(result.error.contains("--models \(folder): no usable manifest of model \"toy\""), "\(result.error)")
    }

    @Test func textShowsAClassRowATotalAndTheGeneratorsLag() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero) }
        let result = try Edgesched.run([
            "load", "--url", server.url, "--model", "toy", "--rate", "50", "--duration", "200ms",
        ])
        try await server.stop()
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("load \(server.url) model toy: poisson 50.0/s") == true, "\(result.output)")
        #expect(lines.contains { $0.hasPrefix("default ") })
        #expect(lines.contains { $0.hasPrefix("total ") })
        #expect(result.output.contains("generator lag p50"))
    }

    @Test(
        "a bad flag is a usage error naming the flag and the value",
        arguments: [
            (["--class", "critical:x:50ms"], "--class critical:x:50ms: share \"x\" is not a number between 0 and 1"),
            (["--duration", "10"], "--duration 10: expected a duration such as 10s, 500ms or 2m"),
            (["--url", "https://node"], "--url https://node: expected http://HOST:PORT"),
            (
                ["--url", "http://127.0.0.1:9", "--rate", "0"],
                "--rate 0.0: must be a positive number of requests per second"
            ),
            (["--url", "http://127.0.0.1:9", "--class", "a:0.5", "--class", "b:0.2"], "--class: shares add up to 0.7"),
            (
                [],
                "no server: give --url http://HOST:PORT (HTTP), --grpc HOST:PORT (gRPC) or --endpoint "
                    + "tcp://HOST:PORT | ipc://PATH (ZeroMQ)"
            ),
            (
                ["--url", "http://127.0.0.1:9", "--endpoint", "tcp://127.0.0.1:5555"],
                "--url http://127.0.0.1:9 and --endpoint tcp://127.0.0.1:5555: give one server, not several"
            ),
            (["--grpc", "127.0.0.1"], "--grpc 127.0.0.1: expected HOST:PORT, such as 127.0.0.1:8001"),
            (
                ["--grpc", "127.0.0.1:8001", "--connections", "4"],
                "--connections 4: over --grpc every request is a stream of one connection"
            ),
            (
                ["--url", "http://127.0.0.1:9", "--connections", "8", "--preconnect", "9"],
                "--preconnect 9: must be between 0 and --connections (8)"
            ),
            (
                ["--endpoint", "tcp://127.0.0.1:5555", "--preconnect", "1"],
                "--preconnect 1: goes with --url; over --endpoint and --grpc the sockets connect before sending"
            ),
            (["--endpoint", "tcp://127.0.0.1"], "--endpoint tcp://127.0.0.1: expected tcp://HOST:PORT"),
            (["--endpoint", "udp://x:1"], "--endpoint udp://x:1: expected tcp://HOST:PORT or ipc://PATH"),
            (
                ["--endpoint", "ipc:///tmp/agent", "--tensors", "binary"],
                "--tensors binary: goes with --url; over --endpoint tensors travel as raw frames"
            ),
            (["--arrivals", "bursty"], "The value 'bursty' is invalid for '--arrivals <arrivals>'"),
        ]
    )
    func refusesBadFlags(arguments: [String], message: String) throws {
        let result = try Edgesched.run(["load", "--model", "toy"] + arguments)
        #expect(result.status == 64)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func anUnreachableServerFailsNamingTheURL() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero) }
        let url = server.url
        try await server.stop()
        let result = try Edgesched.run(["load", "--url", url, "--model", "toy", "--duration", "100ms"])
        #expect(result.status == 1)
        #expect(result.error.contains("\(url): cannot connect"), "\(result.error)")
    }
}
