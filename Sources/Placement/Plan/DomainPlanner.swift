import Topology

/// Computes an ``ExecutionPlan`` from a topology and a policy.
///
/// The rules, in order (after kubelet's static CPU manager: whole cores
/// before sibling threads, whole L3 groups before split ones):
/// 1. Only CPUs this process may use (`MachineTopology.allowedCPUs`) are planned.
/// 2. Reserve. Explicit CPUs must be online (else an error) and are kept
///    from workers; those this process may not use anyway are named in a
///    warning. A count of N cores is taken from the first package with
///    allowed cores, then the next: `takeWholeL3Groups()` takes every core of
///    an L3 group whose PUs are all allowed, when the group fits in what is
///    left to take (groups by first PU); `takeWholeCores()` then takes cores
///    whose PUs are all allowed, those of an L3 group already partly taken
///    first, then by first PU; `takePartialCores()` last takes cores with
///    some allowed PUs, by first PU. A core is reserved with all its allowed
///    PUs. `automatic` is one core when 4 or more cores are allowed, else none.
///    A reserve that leaves no CPU for workers is an error.
/// 3. Domains: one per package (`socket`) or per NUMA node with CPUs
///    (`numa`), holding its allowed, unreserved CPUs; a domain left with none
///    is dropped with a warning. Its memory nodes are the NUMA nodes with
///    memory, allowed to this process, that hold CPUs of the domain; with none,
///    the memory policy falls back to `none` with a warning.
/// 4. Workers: the domain's cores, whole cores before cores that lost PUs
///    (to the reserve or the allowed set), so no worker shares a core with a
///    reserved CPU while a whole core is free; within each, cores of an L3
///    group wholly inside the domain first, then by L3 group (first PU), then
///    by first PU. `smt: core` gives a worker per core, pinned
///    to its PUs in the domain; `smt: thread` a worker per PU, core by core.
/// 5. Quota: under a cgroup CPU quota, at most `quota.workerLimit` workers
///    in all (the quota's CPUs rounded up). They are dealt round robin in
///    domain order, one a domain a round, a domain leaving the deal when all
///    its workers are kept, and each domain keeps its first workers (whole
///    cores first, by rule 4). A warning says how many workers the quota
///    leaves of how many; a domain left with none is dropped with a warning
///    and the domains after it are renumbered.
struct DomainPlanner {
    let topology: MachineTopology
    let policy: PlacementPolicy
    let quota: CPUQuota?
    private var warnings: [String] = []
    /// The L3 cache holding each CPU, by index into `topology.caches`.
    private let l3OfCPU: [Int: Int]

    init(topology: MachineTopology, policy: PlacementPolicy, quota: CPUQuota?) {
        self.topology = topology
        self.policy = policy
        self.quota = quota
        var l3OfCPU: [Int: Int] = [:]
        for (index, cache) in topology.caches.enumerated() where cache.level == 3 {
            for cpu in cache.cpus {
                l3OfCPU[cpu] = index
            }
        }
        self.l3OfCPU = l3OfCPU
    }

    mutating func plan() throws(PlacementError) -> ExecutionPlan {
        let reserved = try resolveReserve()
        let available = topology.allowedCPUs.subtracting(reserved)
        guard !available.isEmpty else {
            throw PlacementError(
                .nothingToPlan,
                "reserve \(policy.reserve) leaves no CPU for workers (allowed: \(topology.allowedCPUs)); reserve fewer CPUs"
            )
        }
        var domains: [(label: String, domain: ExecutionDomain)] = []
        for candidate in domainCandidates(available: available) {
            let cpus = candidate.cpus.intersection(available)
            guard !cpus.isEmpty else {
                warnings.append("\(candidate.label): no allowed CPU left after the reserve; domain dropped")
                continue
            }
            let memoryNodes = NodeSet(
                candidate.nodes
                    .filter { ($0.memoryBytes ?? 0) > 0 && topology.allowedNodes.contains($0.osIndex.rawValue) }
                    .map(\.osIndex.rawValue)
            )
            var memory = policy.memory
            if memory != .none && memoryNodes.isEmpty {
                warnings.append("\(candidate.label): no NUMA node with memory to \(memory) to; memory policy none")
                memory = .none
            }
            let domain = ExecutionDomain(
                id: domains.count,
                package: candidate.package,
                numaNodes: memory == .none ? NodeSet() : memoryNodes,
                memory: memory,
                workers: workers(in: cpus)
            )
            domains.append((candidate.label, domain))
        }
        return ExecutionPlan(
            policy: policy, reserved: reserved, domains: keepWorkersWithinQuota(of: domains), quota: quota,
            warnings: warnings)
    }

    // MARK: Quota

    private mutating func keepWorkersWithinQuota(
        of domains: [(label: String, domain: ExecutionDomain)]
    ) -> [ExecutionDomain] {
        let planned = domains.reduce(0) { $0 + $1.domain.workers.count }
        guard let quota, quota.workerLimit < planned else { return domains.map(\.domain) }
        var kept = Array(repeating: 0, count: domains.count)
        var left = quota.workerLimit
        while left > 0 {
            for index in domains.indices where left > 0 && kept[index] < domains[index].domain.workers.count {
                kept[index] += 1
                left -= 1
            }
        }
        warnings.append("\(quota): \(quota.workerLimit) of \(planned) workers")
        var result: [ExecutionDomain] = []
        for (index, entry) in domains.enumerated() {
            guard kept[index] > 0 else {
                warnings.append("\(entry.label): no worker left under the CPU quota; domain dropped")
                continue
            }
            var domain = entry.domain
            domain.id = result.count
            domain.workers = Array(domain.workers.prefix(kept[index]))
            result.append(domain)
        }
        return result
    }

    // MARK: Reserve

    private var allowedCores: [Core] {
        topology.cores.filter { !$0.cpus.isDisjoint(with: topology.allowedCPUs) }
    }

    private mutating func resolveReserve() throws(PlacementError) -> CPUSet {
        switch policy.reserve {
        case .none:
            return CPUSet()
        case .automatic:
            return allowedCores.count >= 4 ? try reserveCores(1) : CPUSet()
        case .cores(let count):
            return try reserveCores(count)
        case .cpus(let cpus):
            let unknown = cpus.subtracting(topology.onlineCPUs)
            guard unknown.isEmpty else {
                throw PlacementError(
                    .unknownCPU,
                    "reserve: CPU \(unknown) is not online on this machine (online: \(topology.onlineCPUs)); name CPUs it has"
                )
            }
            let notAllowed = cpus.subtracting(topology.allowedCPUs)
            if !notAllowed.isEmpty {
                warnings.append(
                    "reserve: CPUs \(notAllowed) are not allowed to this process anyway (allowed: \(topology.allowedCPUs))"
                )
            }
            return cpus.intersection(topology.allowedCPUs)
        }
    }

    private func reserveCores(_ count: Int) throws(PlacementError) -> CPUSet {
        let candidates = allowedCores
        guard count < candidates.count else {
            throw PlacementError(
                .nothingToPlan,
                "reserve: cores:\(count) takes every allowed core (\(candidates.count), CPUs \(topology.allowedCPUs)); reserve fewer cores"
            )
        }
        var taken: [Core] = []
        for package in topology.packages where taken.count < count {
            let inPackage = candidates.filter { $0.package == package.logicalIndex }
            takeWholeL3Groups(from: inPackage, count: count, into: &taken)
            takeWholeCores(from: inPackage, count: count, into: &taken)
            takePartialCores(from: inPackage, count: count, into: &taken)
        }
        return taken.reduce(into: CPUSet()) { $0.formUnion($1.cpus.intersection(topology.allowedCPUs)) }
    }

    private func takeWholeL3Groups(from cores: [Core], count: Int, into taken: inout [Core]) {
        for group in topology.caches where group.level == 3 && group.cpus.isSubset(of: topology.allowedCPUs) {
            let groupCores = cores.filter { $0.cpus.isSubset(of: group.cpus) && !taken.contains($0) }
            guard !groupCores.isEmpty, taken.count + groupCores.count <= count else { continue }
            taken += groupCores
        }
    }

    private func takeWholeCores(from cores: [Core], count: Int, into taken: inout [Core]) {
        let partlyTakenGroups = Set(taken.compactMap { $0.cpus.first.flatMap { l3OfCPU[$0] } })
        let whole = cores.filter { $0.cpus.isSubset(of: topology.allowedCPUs) && !taken.contains($0) }
            .sorted { lhs, rhs in
                let left = lhs.cpus.first.flatMap { l3OfCPU[$0] }.map(partlyTakenGroups.contains) ?? false
                let right = rhs.cpus.first.flatMap { l3OfCPU[$0] }.map(partlyTakenGroups.contains) ?? false
                return left != right ? left : lhs.cpus < rhs.cpus
            }
        taken += whole.prefix(max(0, count - taken.count))
    }

    private func takePartialCores(from cores: [Core], count: Int, into taken: inout [Core]) {
        let partial = cores.filter { !taken.contains($0) }
        taken += partial.prefix(max(0, count - taken.count))
    }

    // MARK: Domains and workers

    private struct DomainCandidate {
        var label: String
        var package: LogicalIndex?
        var cpus: CPUSet
        var nodes: [NUMANode]
    }

    private mutating func domainCandidates(available: CPUSet) -> [DomainCandidate] {
        switch policy.domain {
        case .socket:
            return topology.packages.map { package in
                DomainCandidate(
                    label: "package \(package.logicalIndex)\(package.osIndex.map { " \($0)" } ?? "")",
                    package: package.logicalIndex,
                    cpus: package.cpus,
                    nodes: topology.numaNodes(inPackage: package.logicalIndex)
                )
            }
        case .numa:
            let nodes = topology.numaNodes.filter { !$0.isMemoryOnly }
            let inNoNode = available.subtracting(nodes.reduce(into: CPUSet()) { $0.formUnion($1.cpus) })
            if !inNoNode.isEmpty {
                warnings.append("CPUs \(inNoNode) belong to no NUMA node and are not planned with domain: numa")
            }
            return nodes.map { node in
                let packages = topology.packages.filter { !$0.cpus.isDisjoint(with: node.cpus) }
                return DomainCandidate(
                    label: "NUMA node \(node.osIndex)",
                    package: packages.count == 1 ? packages[0].logicalIndex : nil,
                    cpus: node.cpus,
                    nodes: [node]
                )
            }
        }
    }

    private func workers(in cpus: CPUSet) -> [WorkerSlot] {
        struct Placed {
            var core: Core
            var groupIsWhole: Bool
            var groupFirstPU: Int
            var coreIsWhole: Bool
        }
        let placed = topology.cores.filter { !$0.cpus.isDisjoint(with: cpus) }.map { core in
            let group = core.cpus.first.flatMap { l3OfCPU[$0] }.map { topology.caches[$0].cpus }
            return Placed(
                core: core,
                groupIsWhole: group.map { $0.isSubset(of: cpus) } ?? false,
                groupFirstPU: group?.first ?? core.cpus.first ?? 0,
                coreIsWhole: core.cpus.isSubset(of: cpus)
            )
        }
        let ordered = placed.sorted { lhs, rhs in
            let left = (lhs.coreIsWhole ? 0 : 1, lhs.groupIsWhole ? 0 : 1, lhs.groupFirstPU)
            let right = (rhs.coreIsWhole ? 0 : 1, rhs.groupIsWhole ? 0 : 1, rhs.groupFirstPU)
            return left != right ? left < right : lhs.core.cpus < rhs.core.cpus
        }
        return ordered.flatMap { item -> [WorkerSlot] in
            let pus = item.core.cpus.intersection(cpus)
            switch policy.smt {
            case .core: return [WorkerSlot(cpus: pus, onWholeCore: item.coreIsWhole)]
            case .thread: return pus.map { WorkerSlot(cpus: [$0], onWholeCore: item.coreIsWhole) }
            }
        }
    }
}
