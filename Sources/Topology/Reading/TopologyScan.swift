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
///
/// A fact about one object that cannot be read becomes a warning and the
/// scan goes on (``SysfsTree/perObjectFact(assuming:_:)``); a machine-wide
/// list that cannot be read (`possible`, `online`, a node's `cpulist`, the
/// allowed lists) is an error.
///
/// Each step lives in its own file: `TopologyScan+CPUs`, `+Cores`,
/// `+Caches`, `+NUMA`, `+Allowed`, `+Devices`.
struct TopologyScan {
    let tree: SysfsTree

    static let cpuFolder = "sys/devices/system/cpu"
    static let nodeFolder = "sys/devices/system/node"
    static let pciFolder = "sys/bus/pci/devices"

    /// Every CPU number in a list must be below this.
    var cpuLimit = CPUSet.limit
    /// Where ``cpuLimit`` comes from, as an error message names it.
    var cpuLimitSource = "the largest CPU number the kernel supports"

    init(tree: SysfsTree) {
        self.tree = tree
    }

    mutating func run() throws(TopologyError) -> MachineTopology {
        let online = try readOnlineCPUs()
        let (packages, cores) = try readPackagesAndCores(online: online)
        let caches = readCaches(online: online, cores: cores)
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
            devices: devices,
            warnings: tree.warnings
        )
    }

    /// The CPUs any CPU list of the tree may name: a list read with this
    /// bound names no CPU past `possible`.
    func cpuList(lists: [String], masks: [String]) throws(TopologyError) -> CPUSet? {
        try tree.cpus(lists: lists, masks: masks, below: cpuLimit, limitSource: cpuLimitSource)
    }
}
