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

    /// Starts the agent with `arguments` after `agent`, and waits until it serves HTTP.
    init(_ arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: Edgesched.binary)
        process.arguments = ["agent", "--http", "127.0.0.1:0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: FixtureTrees.packageRoot)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.condition.lock()
            self.log += String(decoding: data, as: UTF8.self)
            if self.address == nil, let range = self.log.range(of: "Open Inference Protocol on ") {
                let rest = self.log[range.upperBound...]
                if let end = rest.firstIndex(of: "\n") { self.address = String(rest[..<end]) }
            }
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

    /// `HOST:PORT` once the agent serves; nil if it exited first.
    func waitUntilServing() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while address == nil && process.isRunning {
            condition.wait()
        }
        return address
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
