import Foundation
import TestFixtures
import Testing
import Topology

/// A fact about one object that cannot be read is a warning naming the file
/// and its content, and the read goes on, as hwloc reads on; only machine-wide
/// lists stop it (see ``TopologyReaderErrorTests``).
@Suite struct TopologyWarningTests {
    /// An old kernel's tree: no `cpu/online`, `possible` or `present`, so the
    /// reader walks the `cpuN` folders and reads each CPU's `online` file.
    static func oldKernelTree() throws -> ScratchTree {
        let tree = try ScratchTree()
        try FileManager.default.removeItem(atPath: tree.root)
        try FileManager.default.copyItem(
            atPath: FixtureTrees.project("8ppc-2pa2c2t-nopkgid-nocaches"), toPath: tree.root)
        try tree.remove("sys/devices/system/cpu/possible")
        try tree.remove("sys/devices/system/cpu/present")
        return tree
    }

    @Test(
        "an empty per-CPU file of an old kernel's tree is a warning and the read goes on",
        arguments: [
            ("sys/devices/system/cpu/cpu3/online", "CPU 3 taken as online"),
            ("sys/devices/system/cpu/cpu4/topology/core_id", "core id unknown"),
            ("sys/devices/system/cpu/cpu4/topology/physical_package_id", "package id unknown"),
        ]
    )
    func emptyPerCPUFileOfOldKernelIsAWarning(file: String, assumption: String) throws {
        let tree = try Self.oldKernelTree()
        defer { tree.delete() }
        try tree.write(file, "")
        let topology = try MachineTopology.read(fromRoot: tree.root)
        topology.checkInvariants()
        #expect(topology.onlineCPUs == CPUSet(0...7))
        #expect(topology.packages.count == 2)
        #expect(topology.cores.count == 4)
        let warning = try #require(topology.warnings.first)
        #expect(topology.warnings.count == 1, "\(topology.warnings)")
        #expect(warning.path == "\(tree.root)/\(file)")
        #expect(warning.description.contains("\(tree.root)/\(file): is not an integer (content: \"\")"), "\(warning)")
        #expect(warning.description.hasSuffix(assumption), "\(warning)")
    }

    @Test func unknownCoreIDIsNil() throws {
        let tree = try Self.oldKernelTree()
        defer { tree.delete() }
        try tree.write("sys/devices/system/cpu/cpu4/topology/core_id", "\n")
        let topology = try MachineTopology.read(fromRoot: tree.root)
        #expect(topology.cores.first { $0.cpus.contains(4) }?.osIndex == nil)
        #expect(topology.cores.first { $0.cpus.contains(0) }?.osIndex == OSIndex(0))
    }

    @Test func cleanTreeHasNoWarnings() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("8ppc-2pa2c2t-nopkgid-nocaches"))
        #expect(topology.warnings.isEmpty)
    }

    @Test(
        "a garbled per-object file is a warning naming it and its content",
        arguments: [
            ("sys/devices/system/cpu/cpu0/topology/core_cpus_list", "0,7", "names CPU 7", "alone in its core"),
            ("sys/devices/system/cpu/cpu0/topology/core_id", "abc", "is not an integer", "core id unknown"),
            (
                "sys/devices/system/cpu/cpu0/topology/physical_package_id", "12345678901234567890",
                "is not an integer", "package id unknown"
            ),
            ("sys/devices/system/cpu/cpu0/cache/index0/size", "12Q", "is not a cache size", "cache size unknown"),
            ("sys/devices/system/cpu/cpu0/cache/index0/level", "0", "is not a cache level", "left out"),
            ("sys/devices/system/cpu/cpu0/cache/index0/type", "Trace", "is not a cache type", "left out"),
            ("sys/devices/system/cpu/cpu0/cache/index0/shared_cpu_list", "zz", "is not a CPU list", "alone"),
            (
                "sys/devices/system/node/node0/meminfo", "Node 0 MemFree: 3 kB\n", "has no MemTotal line",
                "memory unknown"
            ),
            ("sys/devices/system/node/node0/meminfo", "Node 0 MemTotal: lots\n", "MemTotal is not", "memory unknown"),
            ("sys/devices/system/node/node0/distance", "10 x", "is not a distance", "distances left out"),
            (
                "sys/devices/system/cpu/cpu0/cache/index0/size", "17179869184G", "is larger than any cache",
                "cache size unknown"
            ),
            ("sys/devices/system/cpu/cpu0/cache/index0/size", "999999999999K", "is larger than any cache", "unknown"),
            (
                "sys/devices/system/node/node0/meminfo", "Node 0 MemTotal: 18446744073709551615 kB\n",
                "MemTotal is not", "memory unknown"
            ),
            ("sys/devices/system/cpu/cpu0/topology/core_id", "4294967296", "is not an id from -1 to", "unknown"),
        ]
    )
    func garbledPerObjectFileIsAWarning(file: String, content: String, reason: String, assumption: String) throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.write(file, content)
        let topology = try MachineTopology.read(fromRoot: tree.root)
        topology.checkInvariants()
        #expect(topology.onlineCPUs == [0, 1])
        let warning = try #require(topology.warnings.first)
        #expect(topology.warnings.count == 1, "\(topology.warnings)")
        #expect(warning.path == "\(tree.root)/\(file)")
        #expect(warning.description.contains(reason), "\(warning)")
        #expect(warning.description.contains(assumption), "\(warning)")
        let quoted = content.trimmingCharacters(in: .newlines)
        #expect(warning.description.contains(quoted), "\(warning) should quote \(quoted)")
    }

    @Test func distanceRowOfTheWrongLengthLeavesTheDistancesOut() throws {
        let tree = try ScratchTree.minimal()
        defer { tree.delete() }
        try tree.write("sys/devices/system/node/online", "0-1\n")
        try tree.write("sys/devices/system/node/node1/cpulist", "\n")
        try tree.write("sys/devices/system/node/node1/meminfo", "Node 1 MemTotal: 4 kB\n")
        try tree.write("sys/devices/system/node/node0/distance", "10 20 30\n")
        try tree.write("sys/devices/system/node/node1/distance", "20 10\n")
        let topology = try MachineTopology.read(fromRoot: tree.root)
        #expect(topology.distances == nil)
        let warning = try #require(topology.warnings.first)
        #expect(warning.problem.kind == .inconsistent)
        #expect(warning.description.contains("node0/distance"))
        #expect(warning.description.contains("has 3 distances, expected one per online node (2: 0-1)"))
        #expect(warning.description.hasSuffix("node distances left out"))
    }

    @Test func warningsAreInTheJSON() throws {
        let tree = try Self.oldKernelTree()
        defer { tree.delete() }
        try tree.write("sys/devices/system/cpu/cpu3/online", "")
        let document = try MachineTopology.read(fromRoot: tree.root).json.serialized()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let warnings = try #require(parsed["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1)
        #expect(warnings.first?["file"] as? String == "\(tree.root)/sys/devices/system/cpu/cpu3/online")
        #expect(warnings.first?["content"] as? String == "")
        #expect(warnings.first?["assumed"] as? String == "CPU 3 taken as online")
    }
}
