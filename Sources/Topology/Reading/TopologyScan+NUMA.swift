extension TopologyScan {
    /// Step 4: NUMA nodes and, with two or more, their distances.
    func readNUMANodes(online: CPUSet) throws(TopologyError) -> ([NUMANode], DistanceMatrix?) {
        guard let numbers = try tree.numberedEntries(Self.nodeFolder, prefix: "node"), !numbers.isEmpty else {
            let memory = tree.perObjectFact(assuming: "memory unknown", try tree.memTotal("proc/meminfo"))
            return ([NUMANode(osIndex: OSIndex(0), cpus: online, memoryBytes: memory)], nil)
        }
        if let last = numbers.last, last >= NodeSet.limit {
            throw TopologyError(
                .inconsistent, path: tree.path("\(Self.nodeFolder)/node\(last)"),
                detail: "is a node beyond the largest the kernel supports (\(NodeSet.limit - 1))")
        }
        var nodes: [NUMANode] = []
        var rows: [[Int]] = []
        for number in numbers {
            nodes.append(try readNode(number, online: online))
            if let row = tree.perObjectFact(
                assuming: "node distances left out", try tree.integers("\(Self.nodeFolder)/node\(number)/distance"))
            {
                rows.append(row)
            }
        }
        guard nodes.count >= 2, rows.count == nodes.count else { return (nodes, nil) }
        let columns = try distanceColumns(nodes: numbers)
        let matrix = tree.perObjectFact(
            assuming: "node distances left out", try distanceMatrix(nodes: numbers, rows: rows, columns: columns))
        return (nodes, matrix)
    }

    /// Node `number`'s online CPUs and memory. Its `cpulist` says which CPUs
    /// are in no other node: one that cannot be read stops the read.
    private func readNode(_ number: Int, online: CPUSet) throws(TopologyError) -> NUMANode {
        let nodePath = "\(Self.nodeFolder)/node\(number)"
        let listed = try cpuList(lists: ["\(nodePath)/cpulist"], masks: ["\(nodePath)/cpumap"])
        let memory = tree.perObjectFact(assuming: "memory unknown", try tree.memTotal("\(nodePath)/meminfo"))
        return NUMANode(osIndex: OSIndex(number), cpus: (listed ?? CPUSet()).intersection(online), memoryBytes: memory)
    }

    /// The distances between `nodes`, from their `distance` rows, whose
    /// columns are the nodes `columns` names; nil if a node is not there.
    private func distanceMatrix(
        nodes numbers: [Int],
        rows: [[Int]],
        columns: [Int]
    ) throws(TopologyError) -> DistanceMatrix? {
        var matrix: [[Int]] = []
        for (number, row) in zip(numbers, rows) {
            guard row.count == columns.count else {
                throw TopologyError(
                    .inconsistent,
                    path: tree.path("\(Self.nodeFolder)/node\(number)/distance"),
                    content: row.map(String.init).joined(separator: " "),
                    detail:
                        "has \(row.count) distances, expected one per online node (\(columns.count): \(NodeSet(columns)))"
                )
            }
            var selected: [Int] = []
            for target in numbers {
                guard let column = columns.firstIndex(of: target) else { return nil }
                selected.append(row[column])
            }
            matrix.append(selected)
        }
        return DistanceMatrix(nodes: numbers.map { OSIndex($0) }, rows: matrix)
    }

    /// The node of each distance column: `node/online`, or the node folders.
    private func distanceColumns(nodes numbers: [Int]) throws(TopologyError) -> [Int] {
        let onlinePath = "\(Self.nodeFolder)/online"
        guard
            let onlineNodes: NodeSet = try tree.indexList(
                onlinePath, below: NodeSet.limit, limitSource: "the largest node number")
        else { return numbers }
        return Array(onlineNodes)
    }
}
