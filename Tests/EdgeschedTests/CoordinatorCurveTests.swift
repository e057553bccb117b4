import Foundation
import TestFixtures
import Testing

/// A site with CURVE keys on real processes: two coordinators that elect
/// each other over encrypted heartbeats, an allow-listed agent that gets
/// plans, an agent whose key is not on the list that gets nothing in or
/// out, a plaintext peer that cannot connect at all, and an allowed key
/// that cannot report as another node.
struct CoordinatorCurveTests {
    @Test func onlyAllowListedKeysGetInAndAPlaintextPeerGetsNowhere() throws {
        let folder = try TemporaryFiles.folder(named: "coordinator-curve")
        defer { try? FileManager.default.removeItem(at: folder) }
        let agentKeys = folder.appendingPathComponent("agents")
        try FileManager.default.createDirectory(at: agentKeys, withIntermediateDirectories: true)
        for name in ["coordinator-a", "coordinator-b", "gw-ok.1", "gw-other.1", "gw-rogue.1"] {
            let made = try Edgesched.run(["keygen", folder.appendingPathComponent(name).path])
            try #require(made.status == 0, "\(made.error)")
        }
        for allowed in ["gw-ok.1", "gw-other.1"] {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent("\(allowed).pub"),
                to: agentKeys.appendingPathComponent("\(allowed).pub"))
        }
        let site = try CoordinatorSiteTests.Site()
        let keys = CoordinatorSiteTests.Site.Keys(folder: folder.path, agents: agentKeys.path)
        let a = try site.coordinator("coordinator-a", keys: keys)
        let b = try site.coordinator("coordinator-b", keys: keys)
        let allowed = try AgentProcess(["--config", try site.agentConfiguration("gw-ok.1", keys: keys)])
        let rogue = try AgentProcess(["--config", try site.agentConfiguration("gw-rogue.1", keys: keys)])
        defer {
            for process in [a, b, allowed, rogue] { process.kill() }
        }
        #expect(a.waitForLog("coordinator-a active from epoch", timeout: .seconds(10)), "\(a.output)")
        #expect(allowed.waitForLog("from coordinator-a:", timeout: .seconds(10)), "\(allowed.output)")
        #expect(a.waitForLog("serving /metrics on", timeout: .seconds(1)))
        let metrics = try #require(a.output.firstMatch(of: /serving \/metrics on (\S+)/)?.output.1)
        Thread.sleep(forTimeInterval: 1)
        #expect(!b.output.contains("coordinator-b active"), "b hears a's encrypted heartbeats: \(b.output)")
        #expect(!rogue.output.contains("cluster: plan"), "nothing out to a key not allowed: \(rogue.output)")
        let exposition = try Python.run([
            "-c", "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())",
            "http://\(metrics)/metrics",
        ])
        #expect(exposition.output.contains("edgesched_coordinator_nodes 1.0"), "only gw-ok.1: \(exposition.output)")
        let denied = exposition.output.firstMatch(
            of: /edgesched_coordinator_authentications_total\{result="denied"\} (\d+)/)
        #expect((denied.flatMap { Int($0.output.1) } ?? 0) >= 1, "the rogue agent is denied: \(exposition.output)")

        let plaintext = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/cluster_plaintext.py",
            try #require(site.endpoints["coordinator-a"]).reports,
            try #require(site.endpoints["coordinator-a"]).plans, String(metrics),
        ])
        #expect(plaintext.status == 0, "\(plaintext.output)\(plaintext.error)")
        #expect(plaintext.output.hasSuffix("all checks passed\n"))

        let impostor = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/cluster_impostor.py",
            try #require(site.endpoints["coordinator-a"]).reports, String(metrics), folder.path, "coordinator-a",
        ])
        #expect(impostor.status == 0, "\(impostor.output)\(impostor.error)")
        #expect(impostor.output.hasSuffix("all checks passed\n"))
    }
}
