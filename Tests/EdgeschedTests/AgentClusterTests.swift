import Foundation
import Glibc
import TestFixtures
import Testing

/// The agent's side of the cluster on the real process: a coordinator's
/// inbox written from docs/cluster-protocol.md (`Tests/Clients/cluster_reports.py`)
/// receives its node reports.
struct AgentClusterTests {
    @Test func theAgentReportsItsDemandAndCapacityToEveryCoordinatorEachInterval() throws {
        let (agent, reports, _) = try Self.agentInASite(named: "cluster-reports")
        let (http, _, zeromq) = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let inbox = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/cluster_reports.py", reports, http, "5", "3",
        ])
        #expect(agent.terminate() == 0, "\(agent.output)")
        #expect(inbox.status == 0, "\(inbox.output)\(inbox.error)\n--- agent log:\n\(agent.output)")
        #expect(agent.output.contains("cluster: node gw-test.1, reporting every 100ms to coordinator-a (CURVE off)"))
        let lines = inbox.output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        try #require(lines.count == 3, "\(inbox.output)\(inbox.error)")
        let sequences = lines.compactMap { $0["sequence"] as? Int }
        #expect(sequences.count == 3 && zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 + 1 })
        let startedMilliseconds = Int(Date().timeIntervalSince1970 * 1000) - 60_000
        #expect(sequences.allSatisfy { $0 > startedMilliseconds }, "a restarted agent goes on above its last sequence")
        for line in lines {
            #expect(line["node"] as? String == "gw-test.1")
            #expect(line["interval_ms"] as? Int == 100)
            #expect(line["ingress"] as? String == zeromq, "the bound ZeroMQ ingress is advertised")
            #expect(line["public_key"] as? String == "")
            #expect((line["models"] as? [String])?.contains("synthetic-matmul") == true)
            #expect(line["classes"] as? [String] == ["critical", "standard", "batch"])
            // Rates over each measured interval, summed at the nominal one: the
            // five requests within an interval's jitter.
            #expect((line["arrivals_so_far"] as? Double).map { (4.5...7.5).contains($0) } == true, "\(line)")
            let domains = try #require(line["domains"] as? [[String: Any]])
            #expect(!domains.isEmpty)
            for domain in domains {
                #expect((domain["workers"] as? Int ?? 0) >= 1)
                #expect((domain["loaded"] as? [String])?.contains("synthetic-matmul/full") == true, "\(domain)")
                #expect(((domain["spare"] as? [String: Double])?["synthetic-matmul"] ?? 0) > 0, "\(domain)")
            }
        }
    }

    @Test func theAgentHoldsTheNewestPlanAndCountsTheOnesItDrops() throws {
        let (agent, _, plans) = try Self.agentInASite(named: "cluster-plans")
        let (_, metrics, _) = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let publisher = try Python.run([FixtureTrees.packageRoot + "/Tests/Clients/cluster_plans.py", plans, metrics])
        #expect(agent.terminate() == 0, "\(agent.output)")
        #expect(publisher.status == 0, "\(publisher.output)\(publisher.error)\n--- agent log:\n\(agent.output)")
        #expect(publisher.output.hasSuffix("all checks passed\n"))
        #expect(agent.output.contains("cluster: plan 6 from coordinator-a: 1 nodes, 1 routes"))
    }

    /// The agent as node `gw-test.1` of a site with one coordinator, whose
    /// report and plan endpoints (free loopback ports) it returns.
    static func agentInASite(named name: String) throws -> (AgentProcess, reports: String, plans: String) {
        let reports = "tcp://127.0.0.1:\(try freePort())"
        let plans = "tcp://127.0.0.1:\(try freePort())"
        let config = try TemporaryFiles.configuration(
            named: name,
            """
            node_id: gw-test.1
            cluster:
              interval: 100ms
              coordinators:
                - {id: coordinator-a, reports: "\(reports)", plans: "\(plans)"}
            """)
        return (try AgentProcess(["--config", config]), reports, plans)
    }

    /// A TCP port nothing listens on now, from the kernel.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        try #require(bound, "no free port: errno \(errno)")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
