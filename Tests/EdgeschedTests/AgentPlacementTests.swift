import Foundation
import Testing

/// Where the real agent's threads run, read back from the kernel while it serves.
@Suite(.serialized) struct AgentPlacementTests {
    /// CPUs 0 and 1 are the ones this test reserves and gives a worker; the process must have both.
    static let hasCPUs0And1: Bool = {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return false }
        let allowed = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
        return allowed.map { cpus(in: $0.dropFirst("Cpus_allowed_list:".count)).isSuperset(of: [0, 1]) } ?? false
    }()

    /// With `reserve: "0"`, after requests over HTTP and ZeroMQ: each worker the agent names in its start log
    /// is on its own CPUs, and every other thread of the process (event loops, the ZeroMQ thread, Swift's
    /// pool, the main thread) is on CPU 0 alone, as `/proc/PID/task/TID/status` says. A pool thread a worker
    /// starts on its CPU is moved within the agent's one-second sweep, so the check waits up to 10 s.
    @Test(.enabled(if: hasCPUs0And1, "needs CPUs 0 and 1"))
    func keepsEveryThreadButTheWorkersOnTheReservedCPUs() throws {
        let folder = try TemporaryFiles.folder(named: "placement-models")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SyntheticManifest.yaml(name: "busy", description: "1 ms of arithmetic", variants: [("full", 1)])
            .write(toFile: folder.appendingPathComponent("busy.yaml").path, atomically: true, encoding: .utf8)
        let file = try TemporaryFiles.configuration(
            named: "placement", "placement: {reserve: \"0\"}\nmodels: {folder: \(folder.path)}\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let agent = try AgentProcess(["--config", file])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        for target in [["--url", "http://\(address.http)"], ["--endpoint", address.zeromq, "--models", folder.path]] {
            let load = try Edgesched.run(
                ["load"] + target + ["--model", "busy", "--rate", "300", "--duration", "2s", "--seed", "3"])
            #expect(load.status == 0, "\(load.output)\(load.error)\n--- agent log:\n\(agent.output)")
        }

        let workers = Self.workers(in: agent.output)
        let pid = agent.process.processIdentifier
        var misplaced = Self.misplaced(pid: pid, workers: workers, reserve: [0])
        let deadline = Date().addingTimeInterval(10)
        while !misplaced.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            misplaced = Self.misplaced(pid: pid, workers: workers, reserve: [0])
        }
        #expect(!workers.isEmpty, "the start log names no worker: \(agent.output)")
        #expect(workers.values.allSatisfy { !$0.cpus.contains(0) }, "a worker on the reserve: \(workers)")
        #expect(misplaced.isEmpty, "threads misplaced after 10 s:\n\(misplaced.joined(separator: "\n"))")
        #expect(agent.terminate() == 0, "\(agent.output)")
    }

    /// The workers of the start log (`es-d0-w0 (thread 4242) on CPUs 1, …`), by thread id.
    static func workers(in log: String) -> [Int32: (name: String, cpus: Set<Int>)] {
        var workers: [Int32: (name: String, cpus: Set<Int>)] = [:]
        for match in log.matches(of: /(es-d\d+-w\d+) \(thread (\d+)\) on CPUs ([0-9,-]+)/) {
            guard let threadID = Int32(match.output.2) else { continue }
            workers[threadID] = (String(match.output.1), cpus(in: match.output.3))
        }
        return workers
    }

    /// Every thread of `pid` not where it belongs: a worker off its CPUs, any other thread outside `reserve`.
    static func misplaced(pid: Int32, workers: [Int32: (name: String, cpus: Set<Int>)], reserve: Set<Int>)
        -> [String]
    {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.compactMap { task -> String? in
            guard let threadID = Int32(task),
                let status = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)
            else { return nil }
            let lines = status.split(separator: "\n")
            let name = lines.first { $0.hasPrefix("Name:") }.map {
                $0.dropFirst("Name:".count).trimmingCharacters(in: .whitespaces)
            }
            guard let allowed = lines.first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
            let cpus = Self.cpus(in: allowed.dropFirst("Cpus_allowed_list:".count))
            if let worker = workers[threadID] {
                return cpus == worker.cpus ? nil : "worker \(worker.name) (\(threadID)) on CPUs \(cpus.sorted())"
            }
            return cpus.isSubset(of: reserve)
                ? nil : "thread \(threadID) (\(name ?? "?")) on CPUs \(cpus.sorted()), not within \(reserve.sorted())"
        }
    }

    /// The CPUs of a Linux list (`0-2,5`), ignoring blanks and a trailing comma.
    static func cpus(in list: Substring) -> Set<Int> {
        var cpus = Set<Int>()
        for part in list.split(separator: ",") {
            let bounds = part.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
            if let first = bounds.first, let last = bounds.last, first <= last { cpus.formUnion(first...last) }
        }
        return cpus
    }
}
