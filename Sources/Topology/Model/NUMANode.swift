/// A NUMA node: a range of memory and the CPUs closest to it.
public struct NUMANode: Hashable, Sendable {
    /// The kernel's node number (`nodeN`).
    public var osIndex: OSIndex
    /// The node's own online CPUs; empty for a memory-only node (HBM, CXL,
    /// KNL MCDRAM, GPU memory).
    public var cpus: CPUSet
    /// `MemTotal` of the node; nil when the kernel gives no meminfo.
    public var memoryBytes: UInt64?

    /// A node.
    public init(osIndex: OSIndex, cpus: CPUSet, memoryBytes: UInt64?) {
        self.osIndex = osIndex
        self.cpus = cpus
        self.memoryBytes = memoryBytes
    }

    /// True for a node with memory but no CPU of its own.
    public var isMemoryOnly: Bool { cpus.isEmpty }
}
