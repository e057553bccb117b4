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
