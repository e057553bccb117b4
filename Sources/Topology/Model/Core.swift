/// A physical core: the PUs (hardware threads) that share its execution units.
public struct Core: Hashable, Sendable {
    /// Position among the machine's cores, ordered by first PU.
    public var logicalIndex: LogicalIndex
    /// The kernel's `core_id`: unique only within a package, and not contiguous.
    public var osIndex: OSIndex?
    /// The kernel's `die_id`, where the kernel gives one.
    public var dieID: OSIndex?
    /// The kernel's `cluster_id` (ARM clusters, Intel hybrid modules), where given.
    public var clusterID: OSIndex?
    /// Logical index of the package holding the core.
    public var package: LogicalIndex
    /// The core's online PUs.
    public var cpus: CPUSet

    /// A core; die and cluster ids where the kernel gives them.
    public init(
        logicalIndex: LogicalIndex,
        osIndex: OSIndex?,
        dieID: OSIndex? = nil,
        clusterID: OSIndex? = nil,
        package: LogicalIndex,
        cpus: CPUSet
    ) {
        self.logicalIndex = logicalIndex
        self.osIndex = osIndex
        self.dieID = dieID
        self.clusterID = clusterID
        self.package = package
        self.cpus = cpus
    }
}
