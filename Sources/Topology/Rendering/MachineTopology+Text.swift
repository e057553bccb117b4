extension MachineTopology {
    /// An indented tree (Machine › Package › NUMA node › L3 › Core with its
    /// PUs), then the NUMA distance matrix: what `lstopo` and
    /// `numactl --hardware` show, readable at a glance.
    public var text: String {
        var lines = [summaryLine]
        let tree = TopologyTree(self)
        for child in tree.root.children {
            appendLines(for: child, depth: 1, into: &lines)
        }
        lines += distanceLines
        return lines.joined(separator: "\n") + "\n"
    }

    private var summaryLine: String {
        var line = "Machine (\(formatBytes(totalMemoryBytes)) total): "
        line += "\(packages.count) \(packages.count == 1 ? "package" : "packages"), "
        line += "\(numaNodes.count) NUMA \(numaNodes.count == 1 ? "node" : "nodes"), "
        line += "\(cores.count) \(cores.count == 1 ? "core" : "cores"), "
        line += "\(onlineCPUs.count) \(onlineCPUs.count == 1 ? "PU" : "PUs") online (\(onlineCPUs.linuxList))"
        if allowedCPUs != onlineCPUs {
            line += ", \(allowedCPUs.count) allowed (\(allowedCPUs.linuxList))"
        }
        return line
    }

    private func appendLines(for element: TopologyTree.Element, depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        lines.append(indent + label(of: element))
        for child in element.children {
            appendLines(for: child, depth: depth + 1, into: &lines)
        }
    }

    private func label(of element: TopologyTree.Element) -> String {
        switch element.object {
        case .machine:
            return "Machine"
        case .package(let package):
            return "Package \(package.logicalIndex)\(package.osIndex.map { " \($0)" } ?? ""): PUs \(package.cpus)"
        case .numaNode(let node):
            let memory = node.memoryBytes.map(formatBytes) ?? "memory unknown"
            return node.isMemoryOnly
                ? "NUMANode \(node.osIndex) (\(memory), memory only)"
                : "NUMANode \(node.osIndex) (\(memory)): PUs \(node.cpus)"
        case .cache(let cache):
            return "\(cache.name)\(cache.sizeBytes.map { " (\(formatBytes($0)))" } ?? ""): PUs \(cache.cpus)"
        case .core(let core):
            var line = "Core \(core.logicalIndex)\(core.osIndex.map { " \($0)" } ?? ""): PUs \(core.cpus)"
            let notAllowed = core.cpus.subtracting(allowedCPUs)
            if !notAllowed.isEmpty {
                line += " (not allowed: \(notAllowed))"
            }
            return line
        case .device(let device):
            var line =
                "\(device.kind.displayName) \(device.address) (class \(Self.hex(UInt64(device.classCode), digits: 6))"
            if let vendor = device.vendorID { line += ", vendor \(Self.hex(UInt64(vendor), digits: 4))" }
            if let model = device.deviceID { line += ", device \(Self.hex(UInt64(model), digits: 4))" }
            return line + ")"
        }
    }

    private var distanceLines: [String] {
        guard let distances else { return [] }
        return ["NUMA distances:"] + distances.tableLines(corner: "node").map { "  " + $0 }
    }
}
