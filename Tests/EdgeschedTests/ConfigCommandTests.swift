import Foundation
import TestFixtures
import Testing

/// `edgesched config check` as an operator runs it.
@Suite struct ConfigCommandTests {
    @Test func theExampleConfigurationChecksOkAndShowsTheEffectiveSettings() throws {
        let example = FixtureTrees.packageRoot + "/deploy/agent.example.yaml"
        let result = try Edgesched.run(["config", "check", example])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("\(example): ok\n"))
        #expect(
            result.output.contains(
                "http: 127.0.0.1:8000; grpc: 127.0.0.1:8001; zeromq: tcp://127.0.0.1:5555; metrics: 127.0.0.1:8002"))
        #expect(result.output.contains("standard (weight 4, timeout 200ms, max queue 5000)"))
        #expect(result.output.contains("scheduling: policy edgesched\n"))
    }

    @Test func everyProblemIsListedAndTheExitCodeIsOne() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edgesched-bad-\(getpid()).yaml").path
        try "placement: {smt: both}\nlimits: {max_in_flight: 0}\ningress: {grpc: nowhere}\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try Edgesched.run(["config", "check", file])
        #expect(result.status == 1, "not a usage error: the command was used right")
        #expect(result.error.contains("\(file):1:18: placement.smt: \"both\" is not one of core, thread"))
        #expect(result.error.contains("\(file):2:25: limits.max_in_flight: \"0\" is not a whole number from 1"))
        #expect(result.error.contains("\(file):3:17: ingress.grpc: \"nowhere\" is not HOST:PORT"))
        #expect(!result.error.contains("Usage:"))
    }

    @Test func aMissingFileIsNamedWithTheReason() throws {
        let result = try Edgesched.run(["config", "check", "/nonexistent/agent.yaml"])
        #expect(result.status == 1)
        #expect(result.error.contains("/nonexistent/agent.yaml: cannot be read: No such file or directory"))
    }
}
