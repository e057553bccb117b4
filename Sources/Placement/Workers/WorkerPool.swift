import CNUMA
import Glibc
import Synchronization
import Topology

/// One pinned OS thread per worker of an ``ExecutionPlan``.
///
/// Each thread names itself (`es-d<domain>-w<n>`), pins itself to its CPUs,
/// sets its memory policy to its domain's nodes, and reads both back from the
/// kernel before it touches work; the pool starts only if every thread got
/// exactly what the plan asked for. Threads then pull jobs from the
/// ``WorkSource`` until it is closed and drained. They never await.
public final class WorkerPool: Sendable {
    /// Every worker, in plan order, with its thread id.
    public let workers: [WorkerContext]
    private let threads: [pthread_t]
    private let source: any WorkSource
    private let lifecycle = Mutex(Lifecycle.running)

    /// The pool's states: `running` from a successful start until ``stop()``,
    /// then `stopped` (threads joined).
    private enum Lifecycle {
        case running
        case stopped
    }

    /// Starts a thread per worker of `plan`, pulling from `source`, and waits
    /// until each has pinned itself and set its memory policy.
    ///
    /// Throws, before any job runs and with every started thread joined, if a
    /// thread cannot be created, or the kernel refused (or changed) a
    /// worker's CPUs or memory policy; the error names the worker, the CPUs
    /// or nodes, and the system call.
    @available(*, noasync, message: "blocks until every worker has started")
    public init(plan: ExecutionPlan, source: some WorkSource) throws(PlacementError) {
        let slots = plan.workers
        let gate = ConditionLock(StartGate(reports: Array(repeating: nil, count: slots.count)))
        var threads: [pthread_t] = []
        for (position, worker) in slots.enumerated() {
            let start = WorkerStart(
                position: position,
                domain: worker.domain,
                index: worker.index,
                cpus: worker.slot.cpus,
                source: source,
                gate: gate
            )
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, runWorkerThread, Unmanaged.passRetained(start).toOpaque())
            guard created == 0 else {
                Unmanaged.passUnretained(start).release()
                Self.abort(threads, gate: gate)
                throw PlacementError(
                    .threadStartFailed(errno: created),
                    "cannot start worker \(WorkerName.make(domain: worker.domain.id, worker: worker.index)): "
                        + "pthread_create: \(String(cString: strerror(created)))"
                )
            }
            threads.append(thread)
        }
        let reports = gate.wait(until: { $0.reports.allSatisfy { $0 != nil } }) { $0.reports.compactMap { $0 } }
        if let failure = reports.lazy.compactMap(\.failure).first {
            Self.abort(threads, gate: gate)
            throw failure
        }
        gate.withLock(wake: .all) { $0.verdict = .go }
        self.threads = threads
        self.source = source
        self.workers = reports.map(\.context)
    }

    /// Closes the source, lets the workers drain what is queued, and joins
    /// them. Calling it again does nothing.
    @available(*, noasync, message: "blocks until every worker has finished")
    public func stop() {
        let wasRunning = lifecycle.withLock { state in
            defer { state = .stopped }
            return state == .running
        }
        guard wasRunning else { return }
        source.close()
        for thread in threads {
            pthread_join(thread, nil)
        }
    }

    deinit {
        lifecycle.withLock { state in
            precondition(state == .stopped, "WorkerPool released while its threads run; call stop() first")
        }
    }

    private static func abort(_ threads: [pthread_t], gate: ConditionLock<StartGate>) {
        gate.withLock(wake: .all) { $0.verdict = .abort }
        for thread in threads {
            pthread_join(thread, nil)
        }
    }
}

/// What started workers report before the pool lets them run.
struct StartGate: Sendable {
    enum Verdict: Sendable {
        case go
        case abort
    }

    struct Report: Sendable {
        var context: WorkerContext
        var failure: PlacementError?
    }

    var reports: [Report?]
    var verdict: Verdict?
}

/// Everything a new worker thread needs, handed over through `pthread_create`.
private final class WorkerStart {
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
private func runWorkerThread(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    Unmanaged<WorkerStart>.fromOpaque(argument).takeRetainedValue().run()
    return nil
}
