import Foundation
import TestFixtures
import Testing
import Topology

/// Bad trees give an error that names the file and quotes its content;
/// nothing crashes.
@Suite struct TopologyReaderErrorTests {
    @Test func rootWithoutSysfsNamesTheMissingFolder() throws {
        let tree = try ScratchTree()
        defer { tree.delete() }
        let error = try #require(throws: TopologyError.self) { try MachineTopology.read(fromRoot: tree.root) }
        #expect(error.kind == .noSysfs)
        #expect(error.description.contains("\(tree.root)/sys/devices/system/cpu"))
        #expect(error.description.contains("not the root of a Linux system"))
    }

    @Test func missingRootIsNoSysfs() {
        #expect {
            try MachineTopology.read(fromRoot: "/nonexistent/edgesched-root")
        } throws: { error in
            (error as? TopologyError)?.kind == .noSysfs && "\(error)".contains("/nonexistent/edgesched-root")
        }
    }

    @Test func minimalTreeReads() throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        let topology = try MachineTopology.read(fromRoot: tree.root)
        topology.checkInvariants()
        #expect(topology.onlineCPUs == [0, 1])
        #expect(topology.numaNodes.map(\.memoryBytes) == [1024 * 1024])
    }

    @Test(
        "a garbled machine-wide list gives an error naming it and its content",
        arguments: [
            ("sys/devices/system/cpu/online", "0-", "has no end"),
            ("sys/devices/system/cpu/online", "x", "is not a number"),
            ("sys/devices/system/cpu/online", "", "lists no online CPU"),
            ("sys/devices/system/cpu/online", "99999999999", "beyond the largest"),
            ("sys/devices/system/cpu/online", "0-5", "beyond the possible CPUs"),
            ("sys/devices/system/cpu/possible", "1-0", "runs backwards"),
            ("sys/devices/system/node/node0/cpulist", "0-9", "names CPU 9, beyond the possible CPUs"),
            ("proc/self/status", "Cpus_allowed_list:\t0-?\n", "is not a number"),
            ("proc/self/status", "Cpus_allowed_list:\t0-5\n", "names CPU 5, beyond the possible CPUs"),
            ("proc/self/status", "Cpus_allowed_list:\t9999\n", "names CPU 9999, beyond the possible CPUs"),
            ("proc/self/status", "Mems_allowed_list:\t0-3\n", "names node 3, beyond the NUMA nodes"),
        ]
    )
    func garbledMachineWideListIsNamedWithItsContent(file: String, content: String, reason: String) throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.write(file, content)
        let error = try #require(throws: TopologyError.self) { try MachineTopology.read(fromRoot: tree.root) }
        #expect(error.path.hasSuffix(file) || error.description.contains(file), "\(error)")
        #expect(error.description.contains(reason), "\(error)")
        if !content.isEmpty {
            let quoted = content.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\t", with: "\\t")
            #expect(error.description.contains(quoted), "\(error) should quote \(quoted)")
        }
    }

    @Test func allowedListWithNoOnlineCPUNamesTheFile() throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.write("sys/devices/system/cpu/possible", "0-7\n")
        try tree.write("proc/self/status", "Name:\tedgesched\nCpus_allowed_list:\t4-5\n")
        let error = try #require(throws: TopologyError.self) { try MachineTopology.read(fromRoot: tree.root) }
        #expect(error.kind == .inconsistent)
        #expect(error.path == "\(tree.root)/proc/self/status")
        #expect(error.description.contains("names no online CPU (online: 0-1)"), "\(error)")
        #expect(error.description.contains("Cpus_allowed_list:\\t4-5"), "\(error)")
    }

    @Test func memsAllowedWithinPossibleNodesIsKeptToTheMachinesNodes() throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.write("sys/devices/system/node/possible", "0-3\n")
        try tree.write("proc/self/status", "Mems_allowed_list:\t0-3\n")
        #expect(try MachineTopology.read(fromRoot: tree.root).allowedNodes == [0])
    }

    @Test func memsAllowedWithNoNodeOfTheMachineNamesTheFile() throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.write("sys/devices/system/node/possible", "0-3\n")
        try tree.write("proc/self/status", "Mems_allowed_list:\t2-3\n")
        let error = try #require(throws: TopologyError.self) { try MachineTopology.read(fromRoot: tree.root) }
        #expect(error.description.contains("names no NUMA node of the machine (nodes: 0)"), "\(error)")
    }

    @Test func nodeFolderPastTheLargestNodeIsNamed() throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.write("sys/devices/system/node/node70000/cpulist", "\n")
        let error = try #require(throws: TopologyError.self) { try MachineTopology.read(fromRoot: tree.root) }
        #expect(error.path == "\(tree.root)/sys/devices/system/node/node70000")
        #expect(error.description.contains("beyond the largest the kernel supports (65535)"), "\(error)")
    }

    @Test func memoryOfManyHugeNodesAddsUpWithoutOverflow() {
        let node = NUMANode(osIndex: OSIndex(0), cpus: [0], memoryBytes: UInt64.max / 2 + 1)
        let topology = MachineTopology(
            onlineCPUs: [0], allowedCPUs: [0], allowedNodes: [0], packages: [], numaNodes: [node, node], cores: [],
            caches: [], distances: nil, devices: [])
        #expect(topology.totalMemoryBytes == UInt64.max)
    }

    @Test func unreadableFileNamesTheErrno() throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.remove("sys/devices/system/cpu/online")
        try FileManager.default.createDirectory(
            atPath: "\(tree.root)/sys/devices/system/cpu/online", withIntermediateDirectories: true)
        let error = try #require(throws: TopologyError.self) { try MachineTopology.read(fromRoot: tree.root) }
        #expect(error.kind == .unreadable(errno: EISDIR))
        #expect(error.description.contains("cpu/online: cannot read: Is a directory"))
    }

    /// Random bytes in every file of a valid tree: each read either succeeds
    /// (some garbage is still a valid list) or throws a TopologyError.
    @Test func randomGarbageNeverCrashes() throws {
        let seed = TestSeed.make(for: "TopologyReaderErrorTests.randomGarbageNeverCrashes")
        var generator = SeededGenerator(seed: seed)
        let files = [
            "sys/devices/system/cpu/possible", "sys/devices/system/cpu/online",
            "sys/devices/system/cpu/cpu0/topology/core_cpus_list", "sys/devices/system/cpu/cpu1/topology/core_id",
            "sys/devices/system/cpu/cpu0/topology/package_cpus_list", "sys/devices/system/cpu/cpu0/cache/index0/size",
            "sys/devices/system/cpu/cpu0/cache/index0/shared_cpu_list", "sys/devices/system/node/node0/cpulist",
            "sys/devices/system/node/node0/meminfo", "sys/devices/system/node/node0/distance",
        ]
        let alphabet = Array("0123456789-,x \n\0K".utf8)
        for round in 0..<300 {
            let tree = try ScratchTree.minimal()
            defer { tree.delete() }
            let file = files[Int.random(in: 0..<files.count, using: &generator)]
            let length = Int.random(in: 0..<12, using: &generator)
            let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            try Data(bytes).write(to: URL(fileURLWithPath: "\(tree.root)/\(file)"))
            do {
                try MachineTopology.read(fromRoot: tree.root).checkInvariants()
            } catch {
                #expect(!error.description.isEmpty, "seed \(seed) round \(round)")
            }
        }
    }
}
