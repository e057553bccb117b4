import Foundation
import TestFixtures
import Testing

/// `edgesched plan` as an operator runs it.
@Suite struct PlanCommandTests {
    static let fixture = FixtureTrees.project("16x86-2pa2n2c2t-interleaved")

    @Test func printsThePlanOfACapturedMachineAsJSON() throws {
        let result = try Edgesched.run(["plan", "--root", Self.fixture, "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "edgesched.plan/v1")
        #expect(document["reserved"] as? String == "0,8")
        #expect(document["quota"] is NSNull, "the capture holds no cgroup files")
        let domains = try #require(document["domains"] as? [[String: Any]])
        #expect(domains.map { $0["numa_nodes"] as? [Int] } == [[0, 1], [2, 3]])
        #expect(domains.map { $0["memory"] as? String } == ["bind", "bind"])
        let workers = try #require(domains.first?["workers"] as? [[String: Any]])
        #expect(workers.map { $0["cpus"] as? String } == ["2,10", "6,14", "4,12"])
        #expect(workers.first?["name"] as? String == "es-d0-w0")
    }

    /// A copy of the fixture whose process sits in cgroup `/app` with `cpuMax` as its `cpu.max`.
    static func fixtureWithQuota(_ cpuMax: String) throws -> BuiltTree {
        let tree = try BuiltTree(copying: fixture)
        try tree.write("proc/self/cgroup", "0::/app\n")
        try tree.write("sys/fs/cgroup/app/cpu.max", cpuMax + "\n")
        return tree
    }

    @Test func cpuQuotaBelowTheRootCutsTheWorkersAndIsShownInJSON() throws {
        let tree = try Self.fixtureWithQuota("150000 100000")
        defer { tree.remove() }
        let result = try Edgesched.run(["plan", "--root", tree.root, "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let quota = try #require(document["quota"] as? [String: Any])
        #expect(quota["cpus"] as? Double == 1.5)
        #expect(quota["max_workers"] as? Int == 2)
        #expect(quota["file"] as? String == "\(tree.root)/sys/fs/cgroup/app/cpu.max")
        let domains = try #require(document["domains"] as? [[String: Any]])
        let workers = domains.map { ($0["workers"] as? [[String: Any]])?.map { $0["cpus"] as? String } }
        #expect(workers == [["2,10"], ["1,9"]], "the first whole core of each package")
        #expect(
            document["warnings"] as? [String] == [
                "cgroup cpu.max 150000 100000 (1.5 CPUs) in \(tree.root)/sys/fs/cgroup/app: 2 of 7 workers"
            ])
    }

    @Test func cpuQuotaIsShownInText() throws {
        let tree = try Self.fixtureWithQuota("100000 100000")
        defer { tree.remove() }
        let result = try Edgesched.run(["plan", "--root", tree.root])
        #expect(result.status == 0, "\(result.error)")
        let quota = "cgroup cpu.max 100000 100000 (1 CPU) in \(tree.root)/sys/fs/cgroup/app"
        #expect(result.output.contains("\nCPU quota: \(quota): at most 1 worker\n"), "\(result.output)")
        #expect(result.output.contains("\n  \(quota): 1 of 7 workers\n"), "\(result.output)")
        #expect(result.output.contains("\n  package L#1 P#1: no worker left under the CPU quota; domain dropped\n"))
    }

    @Test func malformedCPUQuotaFailsNamingTheFile() throws {
        let tree = try Self.fixtureWithQuota("150000 0")
        defer { tree.remove() }
        let result = try Edgesched.run(["plan", "--root", tree.root])
        #expect(result.status == 1)
        #expect(
            result.error.contains(
                "\(tree.root)/sys/fs/cgroup/app/cpu.max: \"150000 0\" is not a cgroup v2 cpu.max: period 0 is not positive"
            ), "\(result.error)")
        #expect(result.output.isEmpty)
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.activeProcessorCount > 1
                && FileManager.default.fileExists(atPath: "/usr/bin/taskset"),
            "needs two CPUs and /usr/bin/taskset (Debian: util-linux)"))
    func checkUnderTasksetPinsOnlyToTheAllowedCPU() throws {
        let result = try Edgesched.run(
            ["plan", "--check", "--format", "json"], under: ["/usr/bin/taskset", "-c", "1"])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let check = try #require(document["check"] as? [[String: Any]])
        #expect(!check.isEmpty)
        #expect(check.allSatisfy { $0["cpus"] as? String == "1" && $0["cpus_allowed_list"] as? String == "1" })
    }

    @Test func checkWithoutTasksetUsesEveryAllowedCPU() throws {
        let result = try Edgesched.run(["plan", "--check", "--reserve", "none", "--smt", "thread"])
        #expect(result.status == 0, "\(result.error)")
        let count = ProcessInfo.processInfo.activeProcessorCount
        #expect(result.output.contains("Check: \(count) workers started, pinned and stopped"))
        #expect(!result.output.contains("(planned"), "every thread's Cpus_allowed_list is what was planned")
    }

    @Test(
        "bad policy input is a usage error naming the value",
        arguments: [
            (
                ["--domain", "sockets"],
                "The value 'sockets' is invalid for '--domain <domain>'. Please provide one of 'socket' and 'numa'."
            ),
            (["--smt", "2"], "The value '2' is invalid for '--smt <smt>'. Please provide one of 'core' and 'thread'."),
            (
                ["--memory", "local"],
                "The value 'local' is invalid for '--memory <memory>'. Please provide one of 'bind', 'preferred', 'interleave' or 'none'."
            ),
            (["--reserve", "cores:x"], "reserve: \"cores:x\" is not a count of cores"),
            (["--check", "--root", "/tmp"], "--check starts workers on this machine"),
        ]
    )
    func refusesBadPolicy(arguments: [String], message: String) throws {
        let result = try Edgesched.run(["plan"] + arguments)
        #expect(result.status == 64)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func reserveOfEveryCPUOfACaptureLeavesNothingToPlan() throws {
        let result = try Edgesched.run(["plan", "--root", Self.fixture, "--reserve", "0-15"])
        #expect(result.status == 1)
        #expect(result.error.contains("reserve cpus:0-15 leaves no CPU for workers (allowed: 0-15)"))
    }

    @Test func checkWithAReserveOfEveryCPUFailsBeforeAnyThreadStarts() throws {
        let allowed = try #require(Self.allowedCPUs(), "no Cpus_allowed_list in /proc/self/status")
        let result = try Edgesched.run(["plan", "--check", "--reserve", allowed])
        #expect(result.status == 1)
        #expect(result.error.contains("leaves no CPU for workers (allowed: \(allowed))"), "\(result.error)")
        #expect(result.output.isEmpty, "nothing is planned, so no worker starts: \(result.output)")
    }

    /// This process's allowed CPUs as the kernel lists them, which the child inherits.
    private static func allowedCPUs() -> String? {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
            .map { $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces) }
    }

    @Test func reserveOfAMissingCPUIsNamed() throws {
        let result = try Edgesched.run(["plan", "--root", Self.fixture, "--reserve", "64"])
        #expect(result.status == 1)
        #expect(result.error.contains("reserve: CPU 64 is not online on this machine (online: 0-15)"))
    }
}
