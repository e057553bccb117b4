import Foundation
import TestFixtures
import Testing
import Topology

/// The reader agrees with hwloc's lstopo on real machines' sysfs trees
/// (`../shared/topology-fixtures`) and on the project's own (`topology/`).
@Suite struct FixtureConformanceTests {
    @Test(
        "matches lstopo on a real machine's tree",
        .enabled(if: FixtureTrees.sharedAvailable, Comment(rawValue: FixtureTrees.sharedMissingReason)),
        arguments: FixtureTrees.shared
    )
    func matchesLstopoOnSharedFixture(tree: String) throws {
        try expectConformance(tree: tree)
    }

    @Test("matches lstopo on the project's own tree", arguments: FixtureTrees.project)
    func matchesLstopoOnProjectFixture(tree: String) throws {
        try expectConformance(tree: tree)
    }

    @Test func projectHasItsOwnTrees() {
        #expect(
            FixtureTrees.project.count >= 6,
            "topology/ should hold this machine's capture and the hand-made quirk trees")
    }

    private func expectConformance(tree: String) throws {
        let topology = try MachineTopology.read(fromRoot: tree)
        topology.checkInvariants()
        let expected = try ExpectedTopology.load(tree: tree)
        let name = URL(fileURLWithPath: tree).lastPathComponent

        let packages = Set(topology.packages.map { "\($0.osIndex?.rawValue ?? -1):\($0.cpus)" })
        #expect(packages == Set(expected.packages.map { "\($0.os_index):\($0.cpus)" }), "packages of \(name)")

        // A kernel without node/ has one node holding every CPU (the issue's
        // model); hwloc then reports no CPUs of its own for it, only local ones.
        let hasNodeFolder = FileManager.default.fileExists(atPath: "\(tree)/sys/devices/system/node")
        #expect(
            topology.numaNodes.map(\.osIndex.rawValue) == expected.numa_nodes.map(\.os_index), "node ids of \(name)")
        #expect(
            topology.numaNodes.map(\.cpus.linuxList)
                == expected.numa_nodes.map { hasNodeFolder ? $0.own_cpus : $0.local_cpus_by_hwloc },
            "node CPUs of \(name)"
        )
        #expect(
            topology.numaNodes.map(\.memoryBytes) == expected.numa_nodes.map(\.memory_bytes), "node memory of \(name)")

        #expect(topology.cores.count == expected.cores, "core count of \(name)")
        #expect(topology.cores.map(\.cpus.linuxList).sorted() == expected.core_cpus.sorted(), "core PUs of \(name)")
        #expect(topology.onlineCPUs.linuxList == expected.pus.online, "online PUs of \(name)")
        #expect(topology.onlineCPUs.count == expected.pus.count, "PU count of \(name)")
        #expect(topology.l3Groups.map(\.linuxList).sorted() == expected.l3_groups.sorted(), "L3 groups of \(name)")

        if let distances = expected.distances {
            let matrix = try #require(topology.distances, "distances of \(name)")
            #expect(matrix.nodes.map(\.rawValue) == distances.nodes, "distance order of \(name)")
            #expect(matrix.nodes.map { matrix.row(of: $0) ?? [] } == distances.matrix, "distance matrix of \(name)")
        } else {
            #expect(topology.distances == nil, "\(name) has no distances")
        }
    }
}
