extension MachineTopology {
    /// Stops the program if the topology breaks an invariant of
    /// ``MachineTopology``; tests call it on every topology they read.
    package func checkInvariants() {
        precondition(
            allowedCPUs.isSubset(of: onlineCPUs), "allowed CPUs \(allowedCPUs) are not all online (\(onlineCPUs))")
        checkPartition(packages.map(\.cpus), of: onlineCPUs, "packages")
        checkPartition(cores.map(\.cpus), of: onlineCPUs, "cores")
        precondition(
            packages.map(\.logicalIndex.rawValue) == Array(packages.indices),
            "package logical indices are not 0..<\(packages.count)")
        precondition(
            cores.map(\.logicalIndex.rawValue) == Array(cores.indices),
            "core logical indices are not 0..<\(cores.count)")
        precondition(packages.map(\.cpus) == packages.map(\.cpus).sorted(), "packages are not ordered by first PU")
        precondition(cores.map(\.cpus) == cores.map(\.cpus).sorted(), "cores are not ordered by first PU")
        for core in cores {
            precondition(
                packages.indices.contains(core.package.rawValue),
                "core \(core.logicalIndex) names package \(core.package)")
            precondition(
                core.cpus.isSubset(of: packages[core.package.rawValue].cpus),
                "core \(core.logicalIndex) (\(core.cpus)) is not inside package \(core.package)"
            )
        }
        precondition(
            numaNodes.map(\.osIndex) == numaNodes.map(\.osIndex).sorted(), "NUMA nodes are not ordered by number")
        for node in numaNodes {
            precondition(
                node.cpus.isSubset(of: onlineCPUs),
                "node \(node.osIndex) has offline CPUs \(node.cpus.subtracting(onlineCPUs))")
        }
        for cache in caches {
            precondition(
                !cache.cpus.isEmpty && cache.cpus.isSubset(of: onlineCPUs), "cache \(cache.name) has CPUs \(cache.cpus)"
            )
        }
        if let distances {
            precondition(
                distances.nodes == numaNodes.map(\.osIndex), "distance matrix nodes differ from the NUMA nodes")
        }
    }

    private func checkPartition(_ parts: [CPUSet], of whole: CPUSet, _ what: String) {
        var seen = CPUSet()
        for part in parts {
            precondition(!part.isEmpty, "an empty set among the \(what)")
            precondition(seen.isDisjoint(with: part), "\(what) overlap at \(seen.intersection(part))")
            seen.formUnion(part)
        }
        precondition(seen == whole, "\(what) cover \(seen), not the online CPUs \(whole)")
    }
}
