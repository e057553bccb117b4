import Foundation
import TestFixtures
import Testing
import Topology

/// `expected.json` of a fixture: what hwloc's lstopo read from the tree.
struct ExpectedTopology: Decodable {
    struct Package: Decodable {
        var os_index: Int
        var cpus: String
    }
    struct Node: Decodable {
        var os_index: Int
        var own_cpus: String
        var local_cpus_by_hwloc: String
        var memory_bytes: UInt64
    }
    struct PUs: Decodable {
        var count: Int
        var online: String
        var allowed_by_hwloc: String
    }
    struct Distances: Decodable {
        var nodes: [Int]
        var matrix: [[Int]]
    }

    var packages: [Package]
    var numa_nodes: [Node]
    var cores: Int
    var core_cpus: [String]
    var pus: PUs
    var l3_groups: [String]
    var distances: Distances?

    static func load(tree: String) throws -> ExpectedTopology {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(tree)/expected.json"))
        return try JSONDecoder().decode(ExpectedTopology.self, from: data)
    }
}

/// Writes small sysfs trees for tests of bad input.
struct ScratchTree {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "edgesched-tree-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// A minimal valid machine: 2 CPUs, one core each, one node.
    static func minimal() throws -> ScratchTree {
        let tree = try ScratchTree()
        try tree.write("sys/devices/system/cpu/possible", "0-1\n")
        try tree.write("sys/devices/system/cpu/online", "0-1\n")
        for cpu in 0..<2 {
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/topology/physical_package_id", "0\n")
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/topology/core_id", "\(cpu)\n")
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/topology/core_cpus_list", "\(cpu)\n")
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/topology/package_cpus_list", "0-1\n")
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/cache/index0/level", "3\n")
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/cache/index0/type", "Unified\n")
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/cache/index0/size", "8192K\n")
            try tree.write("sys/devices/system/cpu/cpu\(cpu)/cache/index0/shared_cpu_list", "0-1\n")
        }
        try tree.write("sys/devices/system/node/online", "0\n")
        try tree.write("sys/devices/system/node/node0/cpulist", "0-1\n")
        try tree.write("sys/devices/system/node/node0/meminfo", "Node 0 MemTotal:       1024 kB\n")
        try tree.write("sys/devices/system/node/node0/distance", "10\n")
        return tree
    }

    func write(_ relative: String, _ content: String) throws {
        let url = URL(fileURLWithPath: "\(root)/\(relative)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: "\(root)/\(relative)")
    }

    func delete() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
