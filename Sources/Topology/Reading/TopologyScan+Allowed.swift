extension TopologyScan {
    static let statusPath = "proc/self/status"

    /// Step 5: the CPUs and nodes `proc/self/status` allows; every online CPU
    /// and node without one.
    ///
    /// An allowed list is machine-wide: one past `possible`, or naming no
    /// online CPU (no node of the machine), is an error naming the file and
    /// quoting the line, as a tree that says so is not one machine's.
    func readAllowed(online: CPUSet, nodes: [NUMANode]) throws(TopologyError) -> (CPUSet, NodeSet) {
        let allNodes = NodeSet(nodes.map(\.osIndex.rawValue))
        guard let status = try tree.text(Self.statusPath) else { return (online, allNodes) }
        var cpus = online
        var memoryNodes = allNodes
        for line in status.split(separator: "\n") {
            if line.hasPrefix("Cpus_allowed_list:") {
                cpus = try allowedList(
                    line, below: cpuLimit, limitSource: cpuLimitSource, present: online, presentName: "online CPU",
                    presentLabel: "online")
            } else if line.hasPrefix("Mems_allowed_list:") {
                let (limit, limitSource) = try nodeLimit(allNodes)
                memoryNodes = try allowedList(
                    line, below: limit, limitSource: limitSource, present: allNodes,
                    presentName: "NUMA node of the machine", presentLabel: "nodes")
            }
        }
        return (cpus, memoryNodes)
    }

    /// The set a `Key:\tlist` line of `proc/self/status` allows, among `present`.
    private func allowedList<Kind>(
        _ line: Substring,
        below limit: Int,
        limitSource: String,
        present: KernelIndexSet<Kind>,
        presentName: String,
        presentLabel: String
    ) throws(TopologyError) -> KernelIndexSet<Kind> {
        let key = line.prefix { $0 != ":" }
        let value = String(line.dropFirst(key.count + 1).drop { $0 == " " || $0 == "\t" })
        let listed: KernelIndexSet<Kind>
        do throws(IndexListError) {
            listed = try KernelIndexSet<Kind>(linuxList: value)
        } catch {
            throw statusError(.malformed, line, error.reason)
        }
        if let last = listed.last, last >= limit {
            throw statusError(.inconsistent, line, "\(key) names \(Kind.noun) \(last), beyond \(limitSource)")
        }
        let allowed = listed.intersection(present)
        guard !allowed.isEmpty else {
            let names = present.isEmpty ? "none" : present.linuxList
            throw statusError(.inconsistent, line, "\(key) names no \(presentName) (\(presentLabel): \(names))")
        }
        return allowed
    }

    /// Node numbers a `Mems_allowed_list` may name: below `node/possible`, or
    /// where the kernel does not write it, below the nodes of the tree.
    private func nodeLimit(_ allNodes: NodeSet) throws(TopologyError) -> (Int, String) {
        let possiblePath = "\(Self.nodeFolder)/possible"
        if let possible: NodeSet = try tree.indexList(
            possiblePath, below: NodeSet.limit, limitSource: "the largest node number"),
            let last = possible.last
        {
            return (last + 1, "the possible nodes (\(possiblePath): \(possible))")
        }
        return ((allNodes.last ?? 0) + 1, "the NUMA nodes of the tree (\(Self.nodeFolder): \(allNodes))")
    }

    private func statusError(_ kind: TopologyError.Kind, _ line: Substring, _ detail: String) -> TopologyError {
        TopologyError(kind, path: tree.path(Self.statusPath), content: String(line), detail: detail)
    }
}
