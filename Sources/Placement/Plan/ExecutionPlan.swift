public import Topology

/// The execution domains of one machine under one policy: which CPUs are
/// reserved, and for each domain its NUMA nodes, memory policy and workers.
///
/// Invariants (``checkInvariants()``): no CPU is in two workers; every worker
/// is inside the allowed CPUs and outside `reserved`; a worker's CPUs lie in
/// one core-set of its domain; within a domain, workers on whole cores come
/// before workers on cores that lost PUs to the reserve or to the cpuset;
/// under a `quota`, there are at most `quota.workerLimit` workers in all.
public struct ExecutionPlan: Hashable, Sendable {
    /// The policy the plan follows.
    public var policy: PlacementPolicy
    /// CPUs no worker gets: the agent keeps its own threads there
    /// (``ThreadConfinement``); empty, they run anywhere.
    public var reserved: CPUSet
    /// The domains, by id.
    public var domains: [ExecutionDomain]
    /// The cgroup CPU quota the plan was cut to; nil when the process has none.
    public var quota: CPUQuota?
    /// What the plan left out and why (a domain without CPUs, CPUs in no
    /// NUMA node, a reserve naming CPUs this process may not use, workers
    /// and domains a CPU quota leaves out).
    public var warnings: [String]

    /// A plan from its parts; ``make(for:policy:quota:)`` computes one.
    public init(
        policy: PlacementPolicy,
        reserved: CPUSet,
        domains: [ExecutionDomain],
        quota: CPUQuota? = nil,
        warnings: [String]
    ) {
        self.policy = policy
        self.reserved = reserved
        self.domains = domains
        self.quota = quota
        self.warnings = warnings
    }

    /// Plans `topology` under `policy`, with no more workers than `quota`
    /// can keep running (see ``DomainPlanner`` for the rules). The agent and
    /// `edgesched plan` pass `CPUQuota.read(fromRoot:)` of the same root as
    /// the topology; nil plans a worker for every allowed core or PU.
    public static func make(
        for topology: MachineTopology,
        policy: PlacementPolicy,
        quota: CPUQuota? = nil
    ) throws(PlacementError) -> ExecutionPlan {
        var planner = DomainPlanner(topology: topology, policy: policy, quota: quota)
        return try planner.plan()
    }

    /// Every worker of every domain, in domain order.
    public var workers: [(domain: ExecutionDomain, index: Int, slot: WorkerSlot)] {
        domains.flatMap { domain in domain.workers.enumerated().map { (domain, $0.offset, $0.element) } }
    }
}

/// A set of CPUs whose workers share memory on the same NUMA node(s).
public struct ExecutionDomain: Hashable, Sendable {
    /// Position in the plan, 0, 1, …; names threads (`es-d<id>-w<n>`).
    public var id: Int
    /// The package the domain lies in; nil for a node that spans packages.
    public var package: LogicalIndex?
    /// The nodes the memory policy names; empty when there are none to bind to.
    public var numaNodes: NodeSet
    /// The policy the workers set; `none` when `numaNodes` is empty.
    public var memory: PlacementPolicy.MemoryPolicy
    /// Its workers: whole cores first.
    public var workers: [WorkerSlot]

    /// A domain from its parts.
    public init(
        id: Int,
        package: LogicalIndex?,
        numaNodes: NodeSet,
        memory: PlacementPolicy.MemoryPolicy,
        workers: [WorkerSlot]
    ) {
        self.id = id
        self.package = package
        self.numaNodes = numaNodes
        self.memory = memory
        self.workers = workers
    }

    /// All CPUs of the domain's workers.
    public var cpus: CPUSet {
        workers.reduce(into: CPUSet()) { $0.formUnion($1.cpus) }
    }
}

/// The CPUs one worker thread is pinned to: a core's allowed PUs, or one PU.
public struct WorkerSlot: Hashable, Sendable {
    /// The CPUs the thread may run on.
    public var cpus: CPUSet
    /// True when the worker has every online PU of its core (`smt: core`) or
    /// its core is wholly in the domain (`smt: thread`).
    public var onWholeCore: Bool

    /// A worker on `cpus`.
    public init(cpus: CPUSet, onWholeCore: Bool) {
        self.cpus = cpus
        self.onWholeCore = onWholeCore
    }
}
