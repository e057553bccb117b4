import Foundation
import TestFixtures
import Testing

/// The ZeroMQ ingress with a CURVE key, on the real agent process.
struct AgentCurveTests {
    @Test func onlyClientsThatKnowThePublicKeyAreAnswered() throws {
        let keys = try Python.run(["-c", "import zmq; print(*[k.decode() for k in zmq.curve_keypair()])"])
        let pair = keys.output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try #require(pair.count == 2, "no key pair: \(keys.output)\(keys.error)")
        let folder = try TemporaryFiles.folder(named: "curve")
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("server.key").path
        let config = folder.appendingPathComponent("agent.yaml").path
        try "\(pair[1])\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        try "zeromq: {curve_secret_key_file: \(keyFile)}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let agent = try AgentProcess(["--config", config])
        _ = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let endpoint = try #require(agent.waitUntilServingZeroMQ(), "no ZeroMQ endpoint: \(agent.output)")
        #expect(agent.output.contains("CURVE on"))
        let client = try Python.run([FixtureTrees.packageRoot + "/Tests/Clients/zeromq_curve.py", endpoint, pair[0]])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(client.output.hasSuffix("all checks passed\n"))
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    @Test func aKeyFileThatIsNotAKeyStopsTheStartNamingTheFile() throws {
        let folder = try TemporaryFiles.folder(named: "badkey")
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("server.key").path
        let config = folder.appendingPathComponent("agent.yaml").path
        try "not a key\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        try "zeromq: {curve_secret_key_file: \(keyFile)}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let agent = try AgentProcess(["--config", config])
        agent.process.waitUntilExit()
        #expect(agent.process.terminationStatus != 0)
        #expect(agent.output.contains("zeromq.curve_secret_key_file: \(keyFile)"), "\(agent.output)")
    }
}
