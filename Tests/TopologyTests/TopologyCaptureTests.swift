import Foundation
import TestFixtures
import Testing
import Topology

@Suite struct TopologyCaptureTests {
    @Test("reading a capture gives the topology that was captured", arguments: FixtureTrees.all)
    func captureReadsBackTheSame(tree: String) throws {
        let folder = try ScratchTree()
        defer { folder.delete() }
        let summary = try TopologyCapture.capture(fromRoot: tree, into: folder.root)
        let original = try MachineTopology.read(fromRoot: tree)
        let recaptured = try MachineTopology.read(fromRoot: folder.root)
        #expect(summary.topology == original)
        #expect(recaptured == original)
        #expect(recaptured.json.serialized() == original.json.serialized())
    }

    @Test func liveCaptureGivesTheSameJSON() throws {
        let folder = try ScratchTree()
        defer { folder.delete() }
        let summary = try TopologyCapture.capture(fromRoot: "/", into: folder.root)
        #expect(summary.fileCount > 5)
        let live = try MachineTopology.read(fromRoot: "/")
        #expect(try MachineTopology.read(fromRoot: folder.root).json.serialized() == live.json.serialized())
    }

    @Test func captureCopiesOnlyWhatTheReaderUses() throws {
        let folder = try ScratchTree()
        defer { folder.delete() }
        let source = FixtureTrees.projectFolder + "/8x86-1pa4c2t-hbm-cxl-devices"
        try TopologyCapture.capture(fromRoot: source, into: folder.root)
        let copied = try FileManager.default.subpathsOfDirectory(atPath: folder.root)
        #expect(!copied.contains("README.md"))
        #expect(!copied.contains { $0.hasSuffix("/shared_cpu_map") }, "masks are not read where lists exist")
        #expect(copied.contains("sys/devices/system/cpu/cpu0/topology/core_cpus_list"))
        #expect(copied.contains("proc/self/status"))
    }

    @Test func captureRefusesToOverwrite() throws {
        let folder = try ScratchTree()
        defer { folder.delete() }
        let source = FixtureTrees.projectFolder + "/4arm-1pa4c-nonode-somecaches"
        try TopologyCapture.capture(fromRoot: source, into: folder.root)
        let error = try #require(throws: TopologyError.self) {
            try TopologyCapture.capture(fromRoot: source, into: folder.root)
        }
        #expect(error.kind == .captureFailed(errno: EEXIST))
        #expect(error.description.contains("already holds a capture"))
    }
}
