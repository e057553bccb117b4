extension TopologyScan {
    /// Step 5: the CPUs and nodes `proc/self/status` allows; every online CPU
    /// and node without one.
    func readAllowed(online: CPUSet, nodes: [NUMANode]) throws(TopologyError) -> (CPUSet, NodeSet) {
        let allNodes = NodeSet(nodes.map(\.osIndex.rawValue))
        let statusPath = "proc/self/status"
        guard let status = try tree.text(statusPath) else { return (online, allNodes) }
        var cpus = online
        var memoryNodes = allNodes
        for line in status.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 1)
            guard fields.count == 2 else { continue }
            let value = String(fields[1].drop { $0 == " " || $0 == "\t" })
            do {
                switch fields[0] {
                case "Cpus_allowed_list": cpus = try CPUSet(linuxList: value).intersection(online)
                case "Mems_allowed_list": memoryNodes = try NodeSet(linuxList: value).intersection(allNodes)
                default: continue
                }
            } catch {
                throw TopologyError(
                    .malformed, path: tree.path(statusPath), content: String(line), detail: error.reason)
            }
        }
        return (cpus, memoryNodes)
    }
}
