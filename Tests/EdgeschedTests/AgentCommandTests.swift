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

    @Test func aBadConfigurationStopsTheStartWithEveryProblem() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edgesched-agent-\(getpid()).yaml")
            .path
        try "placement: {smt: both}\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try Edgesched.run(["agent", "--config", file])
        #expect(result.status == 1)
        #expect(result.error.contains("\(file):1:18: placement.smt: \"both\" is not one of core, thread"))
    }
}

/// The machine's `python3` with the packages `scripts/setup.sh` installs.
enum Python {
    static func run(_ arguments: [String]) throws -> Edgesched.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Edgesched.Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }
}
