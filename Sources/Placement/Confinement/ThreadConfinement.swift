import Glibc
import Synchronization
public import Topology

/// Keeps the agent's own threads on the plan's reserved CPUs: every thread
/// of the process except the pinned workers and the threads a worker starts
/// while it loads a model (ONNX Runtime's intra-op threads, which compute
/// for that worker on its CPUs).
///
/// Why a sweep, and not only a mask set once. A new thread inherits its
/// creator's CPUs, so the agent confines every thread it has before the
/// event loops, the ZeroMQ thread and the recording writer exist, and they
/// are born on the reserve. That is not enough: Swift's cooperative pool on
/// Linux is libdispatch's own thread pool, which starts a thread from
/// whichever thread enqueues work when none is idle, and retires threads
/// after a few seconds idle. A worker that resumes a continuation enqueues
/// work, so a pool thread can be born on a worker's one CPU, at any time
/// the pool has shrunk, and then everything it starts is too. Neither a
/// mask set at start nor threads started ahead of time can prevent it, and
/// such a thread runs no code of ours at its start. So the agent also
/// sweeps (``sweep()``) every second (`ConfinementService`): it lists
/// `/proc/self/task`, and moves every thread that is not a worker nor a
/// worker's own, and not within the reserve, onto the reserve with
/// `sched_setaffinity`. A stray thread costs the worker's CPU at most one
/// period; the sweep costs one `sched_getaffinity` per thread, off the
/// request path, which it never locks.
///
/// With an empty reserve nothing is moved: the agent's threads run where
/// the kernel puts them, workers' CPUs included, and sweeps only count them.
///
/// Thread ids the kernel reuses: an owned thread that has exited is
/// forgotten at the next sweep, so a later thread given its id is judged
/// afresh; Linux hands ids out in increasing order and wraps only past
/// `pid_max`, far more threads than start between two sweeps.
public final class ThreadConfinement: Sendable {
    /// The CPUs the agent's own threads are kept on; empty: they are left alone.
    public let reserve: CPUSet
    private let state = Mutex(State())

    private struct State {
        /// Threads never moved, by thread id: the worker's name, for a
        /// worker and for the threads it started while loading.
        var owners: [Int32: String] = [:]
        /// The CPUs of workers loading now: threads on exactly those CPUs
        /// are left for ``adoptThreads(startedBy:during:)`` to judge.
        var loading: [CPUSet] = []
    }

    /// Keeps threads on `reserve` (the plan's ``ExecutionPlan/reserved``).
    public init(reserve: CPUSet) {
        self.reserve = reserve
    }

    /// Marks `workers` as pinned on purpose: sweeps never move them.
    public func own(_ workers: [WorkerContext]) {
        state.withLock { state in
            for worker in workers {
                state.owners[worker.threadID] = worker.name
            }
        }
    }

    /// Runs `body` on `worker`'s own thread (a model load) and owns, as the
    /// worker's, the threads that appeared meanwhile on exactly its CPUs:
    /// only this worker starts threads there while it runs `body`, since
    /// workers' CPUs are disjoint and a thread starts on its creator's CPUs.
    /// Sweeps meanwhile leave threads on those CPUs alone.
    ///
    /// Lists `/proc/self/task` twice; for loads, never for inference.
    public func adoptThreads<Value, Failure: Error>(
        startedBy worker: WorkerContext, during body: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let before = Set(Self.threadIDs())
        state.withLock { $0.loading.append(worker.cpus) }
        defer {
            let started = Self.threadIDs().filter { threadID in
                !before.contains(threadID)
                    && (try? ThreadBinding.affinity(of: threadID).get()) == worker.cpus
            }
            state.withLock { state in
                for threadID in started {
                    state.owners[threadID] = worker.name
                }
                if let index = state.loading.firstIndex(of: worker.cpus) {
                    state.loading.remove(at: index)
                }
            }
        }
        return try body()
    }

    /// Looks at every thread of the process once: owned threads are left
    /// alone; with a reserve, every other thread not within it is moved
    /// onto it. Threads that exit meanwhile are skipped; owned ones that
    /// have exited are forgotten.
    public func sweep() -> ConfinementSweep {
        let threadIDs: [Int32]
        do throws(LocalFile.Failure) {
            threadIDs = try Self.listThreads()
        } catch {
            var sweep = ConfinementSweep(reserve: reserve)
            sweep.failures.append(error.description)
            return sweep
        }
        let alive = Set(threadIDs)
        state.withLock { state in state.owners = state.owners.filter { alive.contains($0.key) } }
        return sweep(among: threadIDs)
    }

    /// ``sweep()`` over `threadIDs` alone: a test's own threads, in a test
    /// process whose other threads it must not move.
    package func sweep(among threadIDs: [Int32]) -> ConfinementSweep {
        var sweep = ConfinementSweep(reserve: reserve)
        let (owners, loading) = state.withLock { ($0.owners, $0.loading) }
        for threadID in threadIDs {
            if owners[threadID] != nil {
                sweep.owned += 1
                continue
            }
            guard case .success(let cpus) = ThreadBinding.affinity(of: threadID) else { continue }
            if reserve.isEmpty || loading.contains(cpus) {
                sweep.elsewhere += 1
            } else if cpus.isSubset(of: reserve) {
                sweep.onReserve += 1
            } else {
                confine(threadID, from: cpus, into: &sweep)
            }
        }
        return sweep
    }

    private func confine(_ threadID: Int32, from cpus: CPUSet, into sweep: inout ConfinementSweep) {
        let name = Self.name(of: threadID)
        switch ThreadBinding.pin(threadID, to: reserve) {
        case 0:
            sweep.onReserve += 1
            sweep.moved.append(ConfinementSweep.Move(threadID: threadID, name: name, from: cpus))
        case ESRCH:
            break
        case let code:
            sweep.elsewhere += 1
            sweep.failures.append(
                "thread \(threadID) (\(name)) on CPUs \(cpus): the kernel refused CPUs \(reserve) "
                    + "(sched_setaffinity: \(String(cString: strerror(code))))")
        }
    }

    /// The process's thread ids, from `/proc/self/task`.
    private static func listThreads() throws(LocalFile.Failure) -> [Int32] {
        try LocalFile.names(in: "/proc/self/task").compactMap { Int32($0) }
    }

    private static func threadIDs() -> [Int32] {
        (try? listThreads()) ?? []
    }

    /// The thread's name (`/proc/self/task/<tid>/comm`), or `?` once it has exited.
    private static func name(of threadID: Int32) -> String {
        guard let bytes = try? LocalFile.read("/proc/self/task/\(threadID)/comm", maximumBytes: 64) else { return "?" }
        return String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }
}

/// What one ``ThreadConfinement/sweep()`` found and did.
public struct ConfinementSweep: Hashable, Sendable {
    /// A thread moved onto the reserve.
    public struct Move: Hashable, Sendable {
        /// Its kernel thread id.
        public var threadID: Int32
        /// Its name (`comm`; libdispatch's threads name themselves after their queue).
        public var name: String
        /// The CPUs it was on.
        public var from: CPUSet
    }

    /// The CPUs the agent's own threads are kept on.
    public var reserve: CPUSet
    /// Workers and the threads they started while loading, left where they are.
    public var owned = 0
    /// The agent's other threads within the reserve after the sweep (moved ones included).
    public var onReserve = 0
    /// The agent's other threads outside it: all of them with an empty
    /// reserve, and those the kernel would not move or that a loading worker
    /// may have started.
    public var elsewhere = 0
    /// The threads it moved.
    public var moved: [Move] = []
    /// Why threads, or the thread list, could not be handled.
    public var failures: [String] = []
}
