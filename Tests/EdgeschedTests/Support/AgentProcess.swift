import Foundation
import Glibc
import TestFixtures

/// The built `edgesched agent`, started for real in the package's folder (so
/// the embedded default finds `models/`), listening on free ports: HTTP,
/// gRPC, metrics and the ZeroMQ ingress. ``init(command:)`` starts another
/// subcommand (a coordinator) with its log read the same way.
final class AgentProcess: @unchecked Sendable {
    // @unchecked: `log` and the addresses are only touched with `condition` locked.
    let process = Process()
    private let condition = NSCondition()
    private var log = ""
    private var address: String?
    private var metricsAddress: String?
    private var grpcAddress: String?
    private var zeromqEndpoint: String?

    /// Starts the agent with `arguments` after `agent`; `waitUntilServing()` waits until it serves.
    convenience init(_ arguments: [String] = []) throws {
        try self.init(
            command: [
                "agent", "--http", "127.0.0.1:0", "--grpc", "127.0.0.1:0", "--metrics", "127.0.0.1:0", "--zeromq",
                "tcp://127.0.0.1:*",
            ] + arguments)
    }

    /// Starts `edgesched` with `command` (a subcommand and its arguments).
    init(command: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Edgesched.binary)
        process.arguments = command
        process.currentDirectoryURL = URL(fileURLWithPath: FixtureTrees.packageRoot)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.condition.lock()
            self.log += String(decoding: data, as: UTF8.self)
            self.address =
                self.address ?? Self.address(after: "http: serving the Open Inference Protocol on ", in: self.log)
            self.grpcAddress =
                self.grpcAddress ?? Self.address(after: "grpc: serving GRPCInferenceService on ", in: self.log)
            self.metricsAddress = self.metricsAddress ?? Self.address(after: "serving /metrics on ", in: self.log)
            self.zeromqEndpoint =
                self.zeromqEndpoint ?? Self.address(after: "serving protocol v1 on ", in: self.log)
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

    /// The HTTP and metrics `HOST:PORT` and the bound ZeroMQ endpoint (`tcp://127.0.0.1:43121`) once the
    /// agent serves all three; nil if it exited first.
    func waitUntilServing() -> (http: String, metrics: String, zeromq: String)? {
        waitFor {
            guard let address = $0.address, let metrics = $0.metricsAddress, let zeromq = $0.zeromqEndpoint else {
                return nil
            }
            return (address, metrics, zeromq)
        }
    }

    /// The gRPC `HOST:PORT` once the agent serves it; nil if it exited first.
    func waitUntilServingGRPC() -> String? {
        waitFor { $0.grpcAddress }
    }

    /// The ZeroMQ endpoint alone (`tcp://127.0.0.1:41235`, the port libzmq chose); nil if it exited first.
    func waitUntilServingZeroMQ() -> String? {
        waitFor { $0.zeromqEndpoint }
    }

    /// What `read` finds in the log's addresses once it finds something; nil if the process exited first.
    private func waitFor<Value>(_ read: (AgentProcess) -> Value?) -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while read(self) == nil && process.isRunning {
            condition.wait()
        }
        return read(self)
    }

    /// Waits until a complete line of the log contains `text`, for at most
    /// `timeout`; false if it did not in time or the process exited first.
    func waitForLog(_ text: String, timeout: Duration) -> Bool {
        let deadline = Date().addingTimeInterval(timeout / .seconds(1))
        condition.lock()
        defer { condition.unlock() }
        while !log.split(separator: "\n").contains(where: { $0.contains(text) }) {
            guard process.isRunning, condition.wait(until: deadline) else { return false }
        }
        return true
    }

    /// Sends SIGKILL (a crash, no goodbye) and waits for the exit.
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The word after `marker` in a complete line of the log.
    private static func address(after marker: String, in log: String) -> String? {
        guard let range = log.range(of: marker) else { return nil }
        let rest = log[range.upperBound...]
        guard let end = rest.firstIndex(of: "\n") else { return nil }
        return rest[..<end].split(separator: " ").first.map(String.init)
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
