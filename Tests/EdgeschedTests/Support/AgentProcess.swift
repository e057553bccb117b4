import Foundation
import TestFixtures

/// The built `edgesched agent`, started for real in the package's folder (so
/// the embedded default finds `models/`), listening on a free port.
final class AgentProcess: @unchecked Sendable {
    // @unchecked: `log` and `address` are only touched with `condition` locked.
    let process = Process()
    private let condition = NSCondition()
    private var log = ""
    private var address: String?
    private var metricsAddress: String?

    /// Starts the agent with `arguments` after `agent`, and waits until it serves HTTP.
    init(_ arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: Edgesched.binary)
        process.arguments =
            ["agent", "--http", "127.0.0.1:0", "--zeromq", "tcp://127.0.0.1:*", "--metrics", "127.0.0.1:0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: FixtureTrees.packageRoot)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.condition.lock()
            self.log += String(decoding: data, as: UTF8.self)
            self.address = self.address ?? Self.address(after: "Open Inference Protocol on ", in: self.log)
            self.metricsAddress = self.metricsAddress ?? Self.address(after: "serving /metrics on ", in: self.log)
            self.condition.broadcast()
            self.condition.unlock()
        }
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            self.condition.lock()
            self.condition.broadcast()
            self.condition.unlock()
        }
        try process.run()
    }

    /// The HTTP and metrics `HOST:PORT` once the agent serves both; nil if it exited first.
    func waitUntilServing() -> (http: String, metrics: String)? {
        condition.lock()
        defer { condition.unlock() }
        while (address == nil || metricsAddress == nil) && process.isRunning {
            condition.wait()
        }
        guard let address, let metricsAddress else { return nil }
        return (address, metricsAddress)
    }

    /// The ZeroMQ endpoint once the agent serves protocol v1 (`tcp://127.0.0.1:41235`, the port libzmq chose);
    /// nil if it exited first.
    func waitUntilServingZeroMQ() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while Self.address(after: "serving protocol v1 on ", in: log) == nil && process.isRunning {
            condition.wait()
        }
        return Self.address(after: "serving protocol v1 on ", in: log)
    }

    private static func address(after marker: String, in log: String) -> String? {
        guard let range = log.range(of: marker) else { return nil }
        let rest = log[range.upperBound...]
        return rest.firstIndex(of: "\n").map { String(rest[..<$0]) }
    }

    /// The workers of every domain, from the plan the agent logs at start
    /// (`plan: domain 0: 2 workers on CPUs 0-1; …`); nil before it does.
    var plannedWorkers: Int? {
        let counts = output.matches(of: /domain \d+: (\d+) workers on CPUs/).compactMap { Int($0.output.1) }
        return counts.isEmpty ? nil : counts.reduce(0, +)
    }

    /// What the agent logged so far.
    var output: String {
        condition.lock()
        defer { condition.unlock() }
        return log
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
