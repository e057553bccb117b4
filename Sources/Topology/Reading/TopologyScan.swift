/// One pass over a sysfs tree that builds a ``MachineTopology``.
///
/// Steps, each reading a fact once rather than once per CPU:
/// 1. CPUs: `possible` bounds every list; `online` (or, on old kernels, the
///    `cpuN` folders and their `online` files) says which CPUs exist.
/// 2. Packages and cores: for each online CPU not yet in a package (core),
///    read its `package_cpus_list` (`core_cpus_list`) — or the older
///    `core_siblings` (`thread_siblings`) forms — and its id once; every CPU
///    in that set is then known.
/// 3. Caches: list `cache/` once per core, and for each online CPU read an
///    `indexN` only if no instance of `indexN` read so far covers the CPU.
/// 4. NUMA nodes from `node/nodeN` (a kernel without `node/` has one node
///    holding every CPU and all of `/proc/meminfo`), distances by the order of
///    `node/online`.
/// 5. Allowed CPUs and nodes from `proc/self/status`; PCI devices that matter
///    for placement from `sys/bus/pci/devices`.
struct TopologyScan {
    let tree: SysfsTree

    private static let cpuFolder = "sys/devices/system/cpu"
    private static let nodeFolder = "sys/devices/system/node"
    private static let pciFolder = "sys/bus/pci/devices"

    /// Every CPU number in a list must be below this.
    private var cpuLimit = CPUSet.limit
    private var cpuLimitSource = "the largest CPU number the kernel supports"

    init(tree: SysfsTree) {
        self.tree = tree
    }

    mutating func run() throws(TopologyError) -> MachineTopology {
        let online = try readOnlineCPUs()
        let (packages, cores) = try readPackagesAndCores(online: online)
        let caches = try readCaches(online: online, cores: cores)
        let (nodes, distances) = try readNUMANodes(online: online)
        let (allowedCPUs, allowedNodes) = try readAllowed(online: online, nodes: nodes)
        let devices = try readPCIDevices()
        return MachineTopology(
            onlineCPUs: online,
            allowedCPUs: allowedCPUs,
            allowedNodes: allowedNodes,
            packages: packages,
            numaNodes: nodes,
            cores: cores,
            caches: caches,
            distances: distances,
            devices: devices
        )
    }

    // MARK: CPUs

    private mutating func readOnlineCPUs() throws(TopologyError) -> CPUSet {
        let folder = Self.cpuFolder
        if let possible: CPUSet = try tree.indexList(
            "\(folder)/possible", below: CPUSet.limit, limitSource: cpuLimitSource),
            let last = possible.last
        {
            cpuLimit = last + 1
            cpuLimitSource = "the possible CPUs (\(folder)/possible: \(possible))"
        }
        if let online: CPUSet = try tree.indexList("\(folder)/online", below: cpuLimit, limitSource: cpuLimitSource) {
            guard !online.isEmpty else {
                throw TopologyError(
                    .malformed, path: tree.path("\(folder)/online"), content: "", detail: "lists no online CPU")
            }
            return online
        }
        guard let numbers = try tree.numberedEntries(folder, prefix: "cpu") else {
            throw TopologyError(
                .noSysfs,
                path: tree.path(folder),
                detail: "does not exist: \(tree.root) is not the root of a Linux system (no sysfs CPU folder)"
            )
        }
        var online = CPUSet()
        for cpu in numbers where cpu < cpuLimit {
            let flag = try tree.integer("\(folder)/cpu\(cpu)/online")
            if flag != 0 {
                online.insert(cpu)
            }
        }
        guard !online.isEmpty else {
            throw TopologyError(.malformed, path: tree.path(folder), detail: "has no online cpuN folder")
        }
        return online
    }

    // MARK: Packages and cores

    private func readPackagesAndCores(online: CPUSet) throws(TopologyError) -> ([Package], [Core]) {
        var packages: [Package] = []
        var packageOfCPU: [Int: Int] = [:]
        var cores: [Core] = []
        var coreCovered = CPUSet()
        var siblingsAreThreads: Bool?
        var coreIDs: [Int: OSIndex?] = [:]

        for cpu in online {
            let folder = "\(Self.cpuFolder)/cpu\(cpu)/topology"
            let package: Int
            if let known = packageOfCPU[cpu] {
                package = known
            } else {
                let osIndex = try tree.integer("\(folder)/physical_package_id").flatMap { $0 >= 0 ? OSIndex($0) : nil }
                let listed = try tree.cpus(
                    lists: ["\(folder)/package_cpus_list", "\(folder)/core_siblings_list"],
                    masks: ["\(folder)/package_cpus", "\(folder)/core_siblings"],
                    below: cpuLimit,
                    limitSource: cpuLimitSource
                )
                var cpus = (listed ?? [cpu]).intersection(online)
                cpus.insert(cpu)
                cpus = CPUSet(cpus.filter { packageOfCPU[$0] == nil })
                let index = packages.count
                for member in cpus {
                    packageOfCPU[member] = index
                }
                packages.append(Package(logicalIndex: LogicalIndex(index), osIndex: osIndex, cpus: cpus))
                package = index
            }
            if !coreCovered.contains(cpu) {
                let listed = try tree.cpus(
                    lists: ["\(folder)/core_cpus_list", "\(folder)/thread_siblings_list"],
                    masks: ["\(folder)/core_cpus", "\(folder)/thread_siblings"],
                    below: cpuLimit,
                    limitSource: cpuLimitSource
                )
                var siblings = (listed ?? [cpu]).intersection(packages[package].cpus)
                siblings.insert(cpu)
                siblings.subtract(coreCovered)
                let coreID = try coreIndex(of: cpu, known: &coreIDs)
                let cpus = try cpusSharingCoreID(
                    coreID,
                    of: cpu,
                    amongSiblings: siblings,
                    siblingsAreThreads: &siblingsAreThreads,
                    coreIDs: &coreIDs
                )
                coreCovered.formUnion(cpus)
                cores.append(
                    Core(
                        logicalIndex: LogicalIndex(0),
                        osIndex: coreID,
                        dieID: try tree.integer("\(folder)/die_id", uniform: true).flatMap {
                            $0 >= 0 ? OSIndex($0) : nil
                        },
                        clusterID: try tree.integer("\(folder)/cluster_id", uniform: true).flatMap {
                            $0 >= 0 ? OSIndex($0) : nil
                        },
                        package: LogicalIndex(package),
                        cpus: cpus
                    )
                )
            }
        }
        cores.sort { $0.cpus < $1.cpus }
        for index in cores.indices {
            cores[index].logicalIndex = LogicalIndex(index)
        }
        return (packages, cores)
    }

    /// A CPU's `core_id`, read at most once.
    private func coreIndex(of cpu: Int, known: inout [Int: OSIndex?]) throws(TopologyError) -> OSIndex? {
        if let id = known[cpu] { return id }
        let id = try tree.integer("\(Self.cpuFolder)/cpu\(cpu)/topology/core_id").flatMap {
            $0 >= 0 ? OSIndex($0) : nil
        }
        known[cpu] = id
        return id
    }

    /// The siblings that are threads of the same core as `cpu`.
    ///
    /// Thread siblings with different `core_id`s are not threads of one core
    /// but cores of one module (AMD Bulldozer compute units): hwloc counts
    /// them as cores, and so do we. Which kind of machine this is is decided
    /// once, by the `core_id` of the first core's second sibling
    /// (`siblingsAreThreads`); every sibling's `core_id` is read only on a
    /// machine of modules.
    private func cpusSharingCoreID(
        _ coreID: OSIndex?,
        of cpu: Int,
        amongSiblings siblings: CPUSet,
        siblingsAreThreads: inout Bool?,
        coreIDs: inout [Int: OSIndex?]
    ) throws(TopologyError) -> CPUSet {
        guard let coreID, siblings.count > 1 else { return siblings }
        if siblingsAreThreads == nil, let second = siblings.first(where: { $0 != cpu }) {
            siblingsAreThreads = try coreIndex(of: second, known: &coreIDs) == coreID
        }
        guard siblingsAreThreads == false else { return siblings }
        var sameCore: CPUSet = [cpu]
        for sibling in siblings where sibling != cpu {
            if try coreIndex(of: sibling, known: &coreIDs) == coreID {
                sameCore.insert(sibling)
            }
        }
        return sameCore
    }

    // MARK: Caches

    /// Caches are listed once per core (threads of a core have the same
    /// cache folders), `level` and `type` are read once per `indexN` (the
    /// kernel numbers a CPU's caches in the hardware's order, the same on
    /// every CPU of a machine; so it is on every captured machine), and `size`
    /// and the shared CPUs once per instance.
    private func readCaches(online: CPUSet, cores: [Core]) throws(TopologyError) -> [Cache] {
        var caches: [Cache] = []
        var covered: [Int: CPUSet] = [:]
        var indicesOfCore: [Int: [Int]] = [:]
        var kindOfIndex: [Int: (level: Int, type: Cache.CacheType)?] = [:]
        var coreOfCPU: [Int: Int] = [:]
        for (index, core) in cores.enumerated() {
            for cpu in core.cpus {
                coreOfCPU[cpu] = index
            }
        }
        for cpu in online {
            let folder = "\(Self.cpuFolder)/cpu\(cpu)/cache"
            let core = coreOfCPU[cpu] ?? -1
            let indices: [Int]
            if let known = indicesOfCore[core] {
                indices = known
            } else {
                indices = try tree.numberedEntries(folder, prefix: "index") ?? []
                indicesOfCore[core] = indices
            }
            for index in indices where covered[index]?.contains(cpu) != true {
                let instance = "\(folder)/index\(index)"
                if kindOfIndex[index] == nil {
                    kindOfIndex[index] = try readCacheKind(instance)
                }
                guard let (level, type) = kindOfIndex[index] ?? nil else { continue }
                let size = try tree.cacheSize("\(instance)/size")
                let listed = try tree.cpus(
                    lists: ["\(instance)/shared_cpu_list"],
                    masks: ["\(instance)/shared_cpu_map"],
                    below: cpuLimit,
                    limitSource: cpuLimitSource
                )
                var cpus = (listed ?? [cpu]).intersection(online)
                cpus.insert(cpu)
                covered[index, default: CPUSet()].formUnion(cpus)
                caches.append(Cache(level: level, type: type, sizeBytes: size, cpus: cpus))
            }
        }
        return caches.sorted { ($0.level, $0.type.sortKey, $0.cpus) < ($1.level, $1.type.sortKey, $1.cpus) }
    }

    /// The level and type of a cache folder; nil if it gives neither.
    private func readCacheKind(_ instance: String) throws(TopologyError) -> (level: Int, type: Cache.CacheType)? {
        guard let level = try tree.integer("\(instance)/level"), let typeText = try tree.text("\(instance)/type") else {
            return nil
        }
        guard (1...9).contains(level) else {
            throw TopologyError(
                .malformed, path: tree.path("\(instance)/level"), content: "\(level)",
                detail: "is not a cache level 1 to 9")
        }
        guard let type = Cache.CacheType(rawValue: typeText.trimmingPadding.lowercased()) else {
            throw TopologyError(
                .malformed,
                path: tree.path("\(instance)/type"),
                content: typeText,
                detail: "is not a cache type (Data, Instruction or Unified)"
            )
        }
        return (level, type)
    }

    // MARK: NUMA nodes

    private func readNUMANodes(online: CPUSet) throws(TopologyError) -> ([NUMANode], DistanceMatrix?) {
        let folder = Self.nodeFolder
        guard let numbers = try tree.numberedEntries(folder, prefix: "node"), !numbers.isEmpty else {
            let memory = try tree.memTotal("proc/meminfo")
            return ([NUMANode(osIndex: OSIndex(0), cpus: online, memoryBytes: memory)], nil)
        }
        var nodes: [NUMANode] = []
        var rows: [[Int]] = []
        for number in numbers {
            let nodePath = "\(folder)/node\(number)"
            let listed = try tree.cpus(
                lists: ["\(nodePath)/cpulist"],
                masks: ["\(nodePath)/cpumap"],
                below: cpuLimit,
                limitSource: cpuLimitSource
            )
            let memory = try tree.memTotal("\(nodePath)/meminfo")
            nodes.append(
                NUMANode(osIndex: OSIndex(number), cpus: (listed ?? CPUSet()).intersection(online), memoryBytes: memory)
            )
            if let row = try tree.integers("\(nodePath)/distance") {
                rows.append(row)
            }
        }
        guard nodes.count >= 2, rows.count == nodes.count else { return (nodes, nil) }

        let onlinePath = "\(folder)/online"
        let columns: [Int]
        if let onlineNodes: NodeSet = try tree.indexList(
            onlinePath, below: NodeSet.limit, limitSource: "the largest node number")
        {
            columns = Array(onlineNodes)
        } else {
            columns = numbers
        }
        var matrix: [[Int]] = []
        for (number, row) in zip(numbers, rows) {
            guard row.count == columns.count else {
                throw TopologyError(
                    .inconsistent,
                    path: tree.path("\(folder)/node\(number)/distance"),
                    content: row.map(String.init).joined(separator: " "),
                    detail:
                        "has \(row.count) distances, expected one per online node (\(columns.count): \(NodeSet(columns)))"
                )
            }
            var selected: [Int] = []
            for target in numbers {
                guard let column = columns.firstIndex(of: target) else { return (nodes, nil) }
                selected.append(row[column])
            }
            matrix.append(selected)
        }
        return (nodes, DistanceMatrix(nodes: numbers.map { OSIndex($0) }, rows: matrix))
    }

    // MARK: Allowed sets and devices

    private func readAllowed(online: CPUSet, nodes: [NUMANode]) throws(TopologyError) -> (CPUSet, NodeSet) {
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

    private func readPCIDevices() throws(TopologyError) -> [PCIDevice] {
        guard let addresses = try tree.entries(Self.pciFolder) else { return [] }
        var devices: [PCIDevice] = []
        for address in addresses.sorted() {
            let folder = "\(Self.pciFolder)/\(address)"
            guard let classCode = try tree.hexInteger("\(folder)/class", maxDigits: 6),
                let kind = PCIDevice.Kind(classCode: classCode)
            else { continue }
            devices.append(
                PCIDevice(
                    address: address,
                    kind: kind,
                    classCode: classCode,
                    vendorID: try tree.hexInteger("\(folder)/vendor", maxDigits: 4).map { UInt16($0) },
                    deviceID: try tree.hexInteger("\(folder)/device", maxDigits: 4).map { UInt16($0) },
                    numaNode: try tree.integer("\(folder)/numa_node").flatMap { $0 >= 0 ? OSIndex($0) : nil }
                )
            )
        }
        return devices
    }
}

extension Cache.CacheType {
    /// Data before instruction before unified within a level, as lstopo lists them.
    var sortKey: Int {
        switch self {
        case .data: 0
        case .instruction: 1
        case .unified: 2
        }
    }
}
