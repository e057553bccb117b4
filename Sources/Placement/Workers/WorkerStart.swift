import CNUMA
import Glibc
import Topology

/// Everything a new worker thread needs, handed over through `pthread_create`.
final class WorkerStart {
    let position: Int
    let domain: ExecutionDomain
    let index: Int
    let cpus: CPUSet
    let source: any WorkSource
    let gate: ConditionLock<StartGate>

    init(
        position: Int, domain: ExecutionDomain, index: Int, cpus: CPUSet, source: any WorkSource,
        gate: ConditionLock<StartGate>
    ) {
        self.position = position
        self.domain = domain
        self.index = index
        self.cpus = cpus
        self.source = source
        self.gate = gate
    }

    /// The thread's life: bind, report, wait for the pool's verdict, then
    /// pull and run jobs until the source is drained.
    func run() {
        let name = WorkerName.make(domain: domain.id, worker: index)
        let context = WorkerContext(
            domainID: domain.id,
            workerIndex: index,
            name: name,
            threadID: ThreadBinding.threadID,
            cpus: cpus,
            numaNodes: domain.numaNodes,
            memory: domain.memory
        )
        let failure = bind(context)
        gate.withLock(wake: .all) { $0.reports[position] = StartGate.Report(context: context, failure: failure) }
        let verdict = gate.wait(until: { $0.verdict != nil }) { $0.verdict }
        guard verdict == .go else { return }
        while let job = source.nextJob(for: context) {
            job(context)
        }
    }

    /// Names, pins and sets the memory policy of this thread, then checks
    /// with the kernel that it took.
    private func bind(_ context: WorkerContext) -> PlacementError? {
        let worker = "worker \(context.name)"
        _ = ThreadBinding.setName(context.name)
        let pinned = ThreadBinding.pin(to: cpus)
        guard pinned == 0 else {
            return PlacementError(
                .affinityRefused,
                "\(worker): the kernel refused CPUs \(cpus) (sched_setaffinity: \(String(cString: strerror(pinned)))); "
                    + "check the cgroup cpuset and taskset of the agent"
            )
        }
        switch ThreadBinding.affinity() {
        case .failure(let failure):
            return PlacementError(.affinityRefused, "\(worker): cannot read its CPUs back (\(failure.description))")
        case .success(let actual) where actual != cpus:
            return PlacementError(
                .affinityRefused, "\(worker): asked for CPUs \(cpus), the kernel pinned it to \(actual)")
        case .success:
            break
        }
        let policySet = ThreadBinding.setMemoryPolicy(context.memory, nodes: context.numaNodes)
        guard policySet == 0 else {
            return PlacementError(
                .memoryPolicyRefused,
                "\(worker): the kernel refused memory policy \(context.memory) on nodes \(context.numaNodes) "
                    + "(set_mempolicy: \(String(cString: strerror(policySet)))); try memory: none"
            )
        }
        switch ThreadBinding.memoryPolicy() {
        case .failure(let failure):
            return PlacementError(
                .memoryPolicyRefused, "\(worker): cannot read its memory policy back (\(failure.description))")
        case .success(let actual):
            let expectedMode = ThreadBinding.mode(of: context.memory) ?? MPOL_DEFAULT
            let expectedNodes = context.memory == .preferred ? NodeSet(context.numaNodes.prefix(1)) : context.numaNodes
            if actual.mode != expectedMode || (context.memory != .none && actual.nodes != expectedNodes) {
                return PlacementError(
                    .memoryPolicyRefused,
                    "\(worker): asked for memory policy \(context.memory) on nodes \(expectedNodes), "
                        + "the kernel has mode \(actual.mode) on nodes \(actual.nodes)"
                )
            }
        }
        return nil
    }
}

/// The entry point of every worker thread (a C function pointer: no captures).
func runWorkerThread(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    Unmanaged<WorkerStart>.fromOpaque(argument).takeRetainedValue().run()
    return nil
}
