/// Everything edgesched knows about one machine's CPUs, memory and devices.
///
/// The tree is machine → packages → NUMA nodes → cores → PUs, kept as flat
/// lists that refer to each other by CPU sets and indices, so the value is
/// cheap to copy, compare and send between threads. Memory-only NUMA nodes
/// (no CPUs) belong to no package.
///
/// Invariants: packages partition `onlineCPUs`, and so do cores; every
/// core's CPUs lie in its package; each list is ordered by first PU (nodes
/// by kernel number); `allowedCPUs ⊆ onlineCPUs`.
public struct MachineTopology: Hashable, Sendable {
    /// CPUs the kernel runs (offline CPUs appear nowhere else).
    public var onlineCPUs: CPUSet
    /// Online CPUs this process may use (cgroup cpuset, `taskset`).
    public var allowedCPUs: CPUSet
    /// NUMA nodes this process may allocate on.
    public var allowedNodes: NodeSet
    /// Packages, by logical index.
    public var packages: [Package]
    /// NUMA nodes, by kernel number; memory-only ones too.
    public var numaNodes: [NUMANode]
    /// Cores, by logical index.
    public var cores: [Core]
    /// Every cache instance, by level, then type, then first PU.
    public var caches: [Cache]
    /// Node distances; nil on a machine with one node or without a SLIT.
    public var distances: DistanceMatrix?
    /// GPUs, accelerators and network controllers with their NUMA node.
    public var devices: [PCIDevice]
    /// Facts about single objects that could not be read and what was
    /// assumed instead, in the order read; a caller shows them to the
    /// operator (the CLI prints them on standard error), as the topology
    /// may be less exact than the machine.
    public var warnings: [TopologyWarning]

    /// A topology from its parts; ``read(fromRoot:)`` reads one.
    public init(
        onlineCPUs: CPUSet,
        allowedCPUs: CPUSet,
        allowedNodes: NodeSet,
        packages: [Package],
        numaNodes: [NUMANode],
        cores: [Core],
        caches: [Cache],
        distances: DistanceMatrix?,
        devices: [PCIDevice],
        warnings: [TopologyWarning] = []
    ) {
        self.onlineCPUs = onlineCPUs
        self.allowedCPUs = allowedCPUs
        self.allowedNodes = allowedNodes
        self.packages = packages
        self.numaNodes = numaNodes
        self.cores = cores
        self.caches = caches
        self.distances = distances
        self.devices = devices
        self.warnings = warnings
    }

    /// Reads the topology of the machine whose filesystem is mounted at
    /// `root`: `/` for this machine, or a captured tree of another.
    public static func read(fromRoot root: String = "/") throws(TopologyError) -> MachineTopology {
        var scan = TopologyScan(tree: SysfsTree(root: root))
        return try scan.run()
    }

    /// The online CPUs of the given packages.
    public func cpus(inPackages indices: some Sequence<LogicalIndex>) -> CPUSet {
        indices.reduce(into: CPUSet()) { $0.formUnion(packages[$1.rawValue].cpus) }
    }

    /// The cores of a package, in logical order.
    public func cores(inPackage index: LogicalIndex) -> [Core] {
        cores.filter { $0.package == index }
    }

    /// The NUMA nodes that hold CPUs of a package (several with AMD NPS or
    /// Intel SNC; one node may also span several packages).
    public func numaNodes(inPackage index: LogicalIndex) -> [NUMANode] {
        let packageCPUs = packages[index.rawValue].cpus
        return numaNodes.filter { !$0.cpus.isDisjoint(with: packageCPUs) }
    }

    /// The NUMA node that owns a CPU, if any does.
    public func numaNode(ofCPU cpu: Int) -> NUMANode? {
        numaNodes.first { $0.cpus.contains(cpu) }
    }

    /// The sum of every node's memory; `UInt64.max` if a tree's sizes add
    /// up past it (each is below 1 PiB, but a tree may hold 65,536 nodes).
    public var totalMemoryBytes: UInt64 {
        numaNodes.reduce(0) { total, node in
            let (sum, overflow) = total.addingReportingOverflow(node.memoryBytes ?? 0)
            return overflow ? UInt64.max : sum
        }
    }

    /// The PU sets that share an L3 cache, in order of first PU.
    public var l3Groups: [CPUSet] {
        caches.filter { $0.level == 3 }.map(\.cpus).sorted()
    }
}
