extension TopologyScan {
    /// Step 1: the online CPUs, after `possible` has set ``cpuLimit``.
    mutating func readOnlineCPUs() throws(TopologyError) -> CPUSet {
        try readPossibleCPUs()
        if let online = try readOnlineList() {
            return online
        }
        return try readOnlineCPUFolders()
    }

    /// `cpu/possible`, where the kernel writes it, bounds every later list.
    private mutating func readPossibleCPUs() throws(TopologyError) {
        let possiblePath = "\(Self.cpuFolder)/possible"
        if let possible: CPUSet = try tree.indexList(possiblePath, below: CPUSet.limit, limitSource: cpuLimitSource),
            let last = possible.last
        {
            cpuLimit = last + 1
            cpuLimitSource = "the possible CPUs (\(possiblePath): \(possible))"
        }
    }

    /// `cpu/online`; nil on a kernel that does not write it.
    private func readOnlineList() throws(TopologyError) -> CPUSet? {
        let onlinePath = "\(Self.cpuFolder)/online"
        guard let online: CPUSet = try tree.indexList(onlinePath, below: cpuLimit, limitSource: cpuLimitSource) else {
            return nil
        }
        guard !online.isEmpty else {
            throw TopologyError(.malformed, path: tree.path(onlinePath), content: "", detail: "lists no online CPU")
        }
        return online
    }

    /// Old kernels: every `cpuN` folder is a CPU, online unless its `online`
    /// file says 0 (one that cannot be read is online, as hwloc takes it).
    private func readOnlineCPUFolders() throws(TopologyError) -> CPUSet {
        let folder = Self.cpuFolder
        guard let numbers = try tree.numberedEntries(folder, prefix: "cpu") else {
            throw TopologyError(
                .noSysfs,
                path: tree.path(folder),
                detail: "does not exist: \(tree.root) is not the root of a Linux system (no sysfs CPU folder)"
            )
        }
        var online = CPUSet()
        for cpu in numbers where cpu < cpuLimit {
            let flag = tree.perObjectFact(
                assuming: "CPU \(cpu) taken as online", try tree.integer("\(folder)/cpu\(cpu)/online"))
            if flag != 0 {
                online.insert(cpu)
            }
        }
        guard !online.isEmpty else {
            throw TopologyError(.malformed, path: tree.path(folder), detail: "has no online cpuN folder")
        }
        return online
    }
}
