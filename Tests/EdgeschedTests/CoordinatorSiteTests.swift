import Foundation
import TestFixtures
import Testing

/// Coordinators as real processes on loopback with a real agent: the lowest
/// live id publishes, a standby takes over with a higher epoch when it dies,
/// serving goes on throughout, a returning coordinator stands by, and a
/// silent agent is dropped.
@Suite(.serialized)
struct CoordinatorSiteTests {
    /// Intervals of 100 ms and a takeover of 500 ms keep the test short.
    @Test func theStandbyTakesOverAHigherEpochWhileTheAgentServesAndASilentAgentIsDropped() throws {
        let site = try Site()
        var a = try site.coordinator("coordinator-a")
        let b = try site.coordinator("coordinator-b")
        let agent = try AgentProcess(["--config", try site.agentConfiguration()])
        defer {
            a.kill()
            b.kill()
            agent.kill()
        }
        let (http, _, _) = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        #expect(a.waitForLog("coordinator-a active from epoch", timeout: .seconds(10)), "\(a.output)")
        #expect(agent.waitForLog("from coordinator-a:", timeout: .seconds(10)), "\(agent.output)")
        #expect(!b.output.contains("coordinator-b active"), "the higher id stands by: \(b.output)")

        let stop = try TemporaryFiles.folder(named: "coordinator-site").appendingPathComponent("stop").path
        let load = Process()
        load.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        load.arguments = ["python3", FixtureTrees.packageRoot + "/Tests/Clients/steady_requests.py", http, stop]
        let loadOutput = Pipe()
        load.standardOutput = loadOutput
        try load.run()
        Thread.sleep(forTimeInterval: 1)

        let lastEpochOfA = try #require(Self.epochs(from: "coordinator-a", in: agent.output).max())
        a.kill()
        #expect(b.waitForLog("coordinator-b active from epoch", timeout: .seconds(5)), "\(b.output)")
        #expect(agent.waitForLog("from coordinator-b:", timeout: .seconds(5)), "\(agent.output)")
        let epochsOfB = Self.epochs(from: "coordinator-b", in: agent.output)
        #expect(epochsOfB.allSatisfy { $0 > lastEpochOfA }, "b's epochs \(epochsOfB) above a's \(lastEpochOfA)")

        let plansOfA = Self.epochs(from: "coordinator-a", in: agent.output).count
        a = try site.coordinator("coordinator-a")
        #expect(a.waitForLog("plans on", timeout: .seconds(10)), "\(a.output)")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(!a.output.contains("coordinator-a active"), "the returning coordinator stands by: \(a.output)")
        #expect(Self.epochs(from: "coordinator-a", in: agent.output).count == plansOfA, "\(agent.output)")
        #expect(agent.waitForLog("from coordinator-b:", timeout: .seconds(1)))

        FileManager.default.createFile(atPath: stop, contents: nil)
        load.waitUntilExit()
        let served = try #require(
            try JSONSerialization.jsonObject(with: loadOutput.fileHandleForReading.readDataToEndOfFile())
                as? [String: Any])
        #expect(load.terminationStatus == 0)
        #expect((served["sent"] as? Int ?? 0) > 50, "\(served)")
        #expect(served["sent"] as? Int == served["ok"] as? Int, "every request served: \(served)")

        agent.kill()
        #expect(
            b.waitForLog("node gw-site.1 dropped: silent for 3 intervals", timeout: .seconds(2)), "\(b.output)")
    }

    @Test func badInputOnEverySocketOfACoordinatorIsCountedAndDroppedAndItKeepsWorking() throws {
        let reports = "tcp://127.0.0.1:\(try AgentClusterTests.freePort())"
        let peer = "tcp://127.0.0.1:\(try AgentClusterTests.freePort())"
        let config = try TemporaryFiles.configuration(
            named: "coordinator-bad-input",
            """
            id: coordinator-a
            reports: "\(reports)"
            plans: "tcp://127.0.0.1:\(try AgentClusterTests.freePort())"
            peers: [{id: coordinator-z, plans: "\(peer)"}]
            agents: [gw-known.1]
            interval: 100ms
            models: [{name: synthetic-matmul, variants: [{name: full, service: 5ms, memory_mb: 1}]}]
            """)
        let coordinator = try AgentProcess(command: ["coordinator", "--config", config, "--metrics", "127.0.0.1:0"])
        defer { coordinator.kill() }
        #expect(coordinator.waitForLog("serving /metrics on", timeout: .seconds(10)), "\(coordinator.output)")
        let metrics = try #require(coordinator.output.firstMatch(of: /serving \/metrics on (\S+)/)?.output.1)
        let client = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/coordinator_bad_input.py", reports, peer, String(metrics),
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- coordinator log:\n\(coordinator.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(coordinator.terminate() == 0, "\(coordinator.output)")
    }

    /// The epochs of the plans the agent logged as taken from `coordinator`.
    static func epochs(from coordinator: String, in log: String) -> [Int] {
        log.matches(of: /cluster: plan (\d+) from ([\w.-]+):/).compactMap { match in
            match.output.2 == coordinator ? Int(match.output.1) : nil
        }
    }

    /// Two coordinators' endpoints on free loopback ports, and the configurations naming them.
    struct Site {
        let endpoints: [String: (reports: String, plans: String)]

        init() throws {
            var endpoints: [String: (String, String)] = [:]
            for id in ["coordinator-a", "coordinator-b"] {
                endpoints[id] = (
                    "tcp://127.0.0.1:\(try AgentClusterTests.freePort())",
                    "tcp://127.0.0.1:\(try AgentClusterTests.freePort())"
                )
            }
            self.endpoints = endpoints
        }

        /// Where a CURVE site's keys are: `NAME.key` and `NAME.pub` of every
        /// process in `folder`, the allowed agents' public keys in `agents`.
        struct Keys {
            let folder: String
            let agents: String
        }

        /// The models of the coordinators' planner, by default the one the tests' agents serve.
        static let plannedModels = """
            models:
              - name: synthetic-matmul
                variants:
                  - {name: full, service: 5ms, memory_mb: 1}
                  - {name: lite, service: 2ms, memory_mb: 1}
            """

        /// Coordinator `id` started with the other as its peer, planning every `interval`.
        func coordinator(
            _ id: String, keys: Keys? = nil, interval: String = "100ms", takeover: String = "500ms",
            models: String = Site.plannedModels
        ) throws -> AgentProcess {
            let own = try #require(endpoints[id])
            let peers = endpoints.filter { $0.key != id }.map { peer in
                let key = keys.map { ", public_key_file: \($0.folder)/\(peer.key).pub" } ?? ""
                return "  - {id: \(peer.key), plans: \"\(peer.value.plans)\"\(key)}"
            }
            let curve = keys.map { "curve_secret_key_file: \($0.folder)/\(id).key\nagent_keys: \($0.agents)" } ?? ""
            let config = try TemporaryFiles.configuration(
                named: "site-\(id)",
                """
                id: \(id)
                reports: "\(own.reports)"
                plans: "\(own.plans)"
                peers:
                \(peers.joined(separator: "\n"))
                interval: \(interval)
                takeover: \(takeover)
                \(models)
                \(curve)
                """)
            return try AgentProcess(command: ["coordinator", "--config", config, "--metrics", "127.0.0.1:0"])
        }

        /// Agent `node`, reporting to both every `interval`; `settings` is
        /// more of its YAML, `cluster` more of its cluster's.
        func agentConfiguration(
            _ node: String = "gw-site.1", keys: Keys? = nil, interval: String = "100ms", settings: String = "",
            cluster: String = ""
        ) throws -> String {
            let coordinators = endpoints.sorted { $0.key < $1.key }.map { coordinator in
                let key = keys.map { ", public_key_file: \($0.folder)/\(coordinator.key).pub" } ?? ""
                return "    - {id: \(coordinator.key), reports: \"\(coordinator.value.reports)\", "
                    + "plans: \"\(coordinator.value.plans)\"\(key)}"
            }
            let curve = keys.map { "  curve_secret_key_file: \($0.folder)/\(node).key" } ?? ""
            return try TemporaryFiles.configuration(
                named: "site-\(node)",
                """
                node_id: \(node)
                \(settings)
                cluster:
                  interval: \(interval)
                  \(cluster)
                \(curve)
                  coordinators:
                \(coordinators.joined(separator: "\n"))
                """)
        }
    }
}
