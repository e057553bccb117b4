import Foundation
import TestFixtures
import Testing

/// `edgesched topology` as an operator runs it: the built binary, its output
/// and its exit codes.
@Suite struct TopologyCommandTests {
    static let fixture = FixtureTrees.project("16x86-2pa2n2c2t-interleaved")

    @Test func printsThisMachineAsJSON() throws {
        let result = try Edgesched.run(["topology", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "edgesched.topology/v1")
        #expect((document["pus"] as? [String: Any])?["count"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func textIsTheDefault() throws {
        let result = try Edgesched.run(["topology", "--root", Self.fixture])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("Machine (64 GiB total): 2 packages, 4 NUMA nodes"))
    }

    @Test func writesAnSVGFile() throws {
        let path = NSTemporaryDirectory() + "edgesched-\(UUID().uuidString).svg"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Edgesched.run(["topology", "--root", Self.fixture, "--format", "svg", "--output", path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<?xml"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try Edgesched.run(["topology", "--format", "yaml"])
        #expect(result.status == 64)
        #expect(result.error.contains("yaml"))
        #expect(result.error.contains("text"))
    }

    @Test func missingRootSaysWhichFolder() throws {
        let result = try Edgesched.run(["topology", "--root", "/nonexistent/machine"])
        #expect(result.status == 1)
        #expect(result.error.contains("/nonexistent/machine/sys/devices/system/cpu"))
        #expect(result.output.isEmpty)
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.activeProcessorCount > 1
                && FileManager.default.fileExists(atPath: "/usr/bin/taskset")))
    func allowedCPUsFollowTaskset() throws {
        let result = try Edgesched.run(["topology", "--format", "json"], under: ["/usr/bin/taskset", "-c", "1"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect((document["pus"] as? [String: Any])?["allowed"] as? String == "1")
    }

    /// An old kernel's tree (no `cpu/online` or `possible`) with an empty `cpu3/online`.
    static func oldKernelTreeWithAnEmptyOnlineFile() throws -> String {
        let root = NSTemporaryDirectory() + "edgesched-oldkernel-\(UUID().uuidString)"
        try FileManager.default.copyItem(
            atPath: FixtureTrees.project("8ppc-2pa2c2t-nopkgid-nocaches"), toPath: root)
        try FileManager.default.removeItem(atPath: "\(root)/sys/devices/system/cpu/possible")
        try Data().write(to: URL(fileURLWithPath: "\(root)/sys/devices/system/cpu/cpu3/online"))
        return root
    }

    static func emptyOnlineWarning(_ root: String) -> String {
        "warning: \(root)/sys/devices/system/cpu/cpu3/online: is not an integer (content: \"\"); CPU 3 taken as online\n"
    }

    @Test func planAndCapturePrintTheWarningsToo() throws {
        let root = try Self.oldKernelTreeWithAnEmptyOnlineFile()
        let capture = NSTemporaryDirectory() + "edgesched-capture-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: capture)
        }
        let plan = try Edgesched.run(["plan", "--root", root])
        #expect(plan.status == 0, "\(plan.error)")
        #expect(plan.error.contains(Self.emptyOnlineWarning(root)), "\(plan.error)")
        let captured = try Edgesched.run(["topology", "capture", "--root", root, "--output", capture])
        #expect(captured.status == 0, "\(captured.error)")
        #expect(captured.error == Self.emptyOnlineWarning(root))
    }

    @Test func unreadablePerCPUFileIsAWarningOnStandardError() throws {
        let root = try Self.oldKernelTreeWithAnEmptyOnlineFile()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try Edgesched.run(["topology", "--root", root, "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error == Self.emptyOnlineWarning(root))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect((document["pus"] as? [String: Any])?["online"] as? String == "0-7")
        #expect((document["warnings"] as? [Any])?.count == 1)
    }

    @Test func allowedListNamingNoOnlineCPUFailsNamingTheFile() throws {
        let root = NSTemporaryDirectory() + "edgesched-allowed-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: FixtureTrees.project("2amd64-1pa2c-kvm"), toPath: root)
        try Data("Cpus_allowed_list:\t9999\n".utf8).write(to: URL(fileURLWithPath: "\(root)/proc/self/status"))
        let result = try Edgesched.run(["topology", "--root", root, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("\(root)/proc/self/status: Cpus_allowed_list names CPU 9999"), "\(result.error)")
        #expect(result.error.contains("Cpus_allowed_list:\\t9999"), "\(result.error)")
    }

    @Test func captureThenReadGivesTheSameJSON() throws {
        let folder = NSTemporaryDirectory() + "edgesched-capture-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = try Edgesched.run(["topology", "capture", "--output", folder])
        #expect(capture.status == 0, "\(capture.error)")
        #expect(capture.output.hasPrefix("captured "))
        let live = try Edgesched.run(["topology", "--format", "json"])
        let captured = try Edgesched.run(["topology", "--format", "json", "--root", folder])
        #expect(captured.output == live.output)
    }
}
