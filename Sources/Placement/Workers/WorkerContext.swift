public import Topology

/// Who a job runs on: handed to every job, and to the work source when the
/// worker asks for work.
public struct WorkerContext: Hashable, Sendable {
    /// The execution domain (``ExecutionDomain/id``).
    public var domainID: Int
    /// The worker's position in its domain.
    public var workerIndex: Int
    /// The thread's name, `es-d<domain>-w<worker>`.
    public var name: String
    /// The kernel thread id (`/proc/self/task/<tid>`).
    public var threadID: Int32
    /// The CPUs the thread is pinned to.
    public var cpus: CPUSet
    /// The nodes the thread's memory policy names (empty for `none`).
    public var numaNodes: NodeSet
    /// The memory policy the thread set.
    public var memory: PlacementPolicy.MemoryPolicy

    /// A context from its parts (the pool makes them).
    public init(
        domainID: Int,
        workerIndex: Int,
        name: String,
        threadID: Int32,
        cpus: CPUSet,
        numaNodes: NodeSet,
        memory: PlacementPolicy.MemoryPolicy
    ) {
        self.domainID = domainID
        self.workerIndex = workerIndex
        self.name = name
        self.threadID = threadID
        self.cpus = cpus
        self.numaNodes = numaNodes
        self.memory = memory
    }

    /// A buffer on the domain's first node (``NodeLocalBuffer``).
    public func allocateLocal(byteCount: Int) throws(PlacementError) -> NodeLocalBuffer {
        try NodeLocalBuffer(byteCount: byteCount, node: numaNodes.first)
    }
}
