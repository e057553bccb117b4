import CLinux
import Glibc
import Synchronization

/// State guarded by a mutex, with condition variables to wait for it to
/// change: the blocking handoff between submitters and pinned workers, which
/// `Synchronization.Mutex` cannot do (it has no condition variable). Public
/// so the agent's bridge parks its workers on the same primitive.
///
/// A lock may have several conditions (one per execution domain, say), so a
/// change can wake a waiter of the one group that can use it. A waiter spins
/// for ``spin`` before it parks on its condition: a handoff that arrives
/// within it costs no futex wake-up, which is most of a parked handoff's
/// latency.
///
/// `@unchecked Sendable` is safe: `state` is only read or written inside
/// `withLock`/`wait`, between `pthread_mutex_lock` and `pthread_mutex_unlock`
/// of the one mutex; the pointers themselves never change after `init`, and
/// the change counters are atomics.
public final class ConditionLock<State: Sendable>: @unchecked Sendable {
    private var state: State
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    private let conditionCount: Int
    /// Bumped (under the mutex) by every wake of each condition, so a
    /// spinning waiter sees a change without taking the mutex.
    private let changes: [ChangeCounter]
    /// How long a waiter spins before it parks.
    public let spin: Duration

    /// A lock guarding `initial`, with `conditions` condition variables
    /// (numbered from 0) to wait on; waiters spin for `spin` before parking
    /// (zero: park at once).
    public init(_ initial: State, conditions: Int = 1, spin: Duration = .zero) {
        precondition(conditions >= 1, "a condition lock needs at least one condition, not \(conditions)")
        state = initial
        conditionCount = conditions
        changes = (0..<conditions).map { _ in ChangeCounter() }
        self.spin = spin
        mutex = .allocate(capacity: 1)
        self.conditions = .allocate(capacity: conditions)
        pthread_mutex_init(mutex, nil)
        for index in 0..<conditions {
            pthread_cond_init(self.conditions + index, nil)
        }
    }

    deinit {
        for index in 0..<conditionCount {
            pthread_cond_destroy(conditions + index)
        }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    /// Whom to wake after a change.
    public enum Wake: Sendable, Hashable {
        case nobody
        /// One waiter of condition 0: a new job needs one worker, and waking
        /// all of them would make every other one go back to sleep for nothing.
        case one
        /// Every waiter of condition 0: the change concerns all of them (closing, starting).
        case all
        /// One waiter of the given condition.
        case oneOf(Int)
        /// One waiter of each listed condition; one listed twice wakes two:
        /// a batch of new jobs, each needing a worker of its own.
        case oneEach([Int])
        /// Every waiter of every condition.
        case everyone
    }

    /// Runs `body` with the lock held, then wakes waiters as `wake` says.
    public func withLock<Result>(wake: Wake = .nobody, _ body: (inout State) throws -> Result) rethrows -> Result {
        try withLockAndWake { state in (try body(&state), wake) }
    }

    /// Runs `body` with the lock held; it returns its result and whom the
    /// change should wake, which only the change itself can tell.
    public func withLockAndWake<Result>(_ body: (inout State) throws -> (Result, Wake)) rethrows -> Result {
        pthread_mutex_lock(mutex)
        var wake = Wake.nobody
        defer {
            signal(wake)
            pthread_mutex_unlock(mutex)
        }
        let (result, change) = try body(&state)
        wake = change
        return result
    }

    /// Blocks until `ready` holds, then runs `body` with the lock held.
    @available(*, noasync, message: "blocks the thread; call from a worker thread")
    public func wait<Result>(until ready: (State) -> Bool, then body: (inout State) -> Result) -> Result {
        wait(on: 0) { state in ready(state) ? body(&state) : nil }
    }

    /// Runs `attempt` with the lock held until it returns a result, waiting
    /// on `condition` after each nil: the worker's loop of "take work, or
    /// sleep until someone says there is some". Each wait spins first.
    @available(*, noasync, message: "blocks the thread; call from a worker thread")
    public func wait<Result>(on condition: Int, _ attempt: (inout State) -> Result?) -> Result {
        precondition((0..<conditionCount).contains(condition), "condition \(condition) of \(conditionCount)")
        let counter = changes[condition]
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let result = attempt(&state) {
                return result
            }
            let seen = counter.value.load(ordering: .acquiring)
            if spin > .zero {
                pthread_mutex_unlock(mutex)
                spinWhileUnchanged(counter, from: seen)
                pthread_mutex_lock(mutex)
            }
            if counter.value.load(ordering: .acquiring) == seen {
                pthread_cond_wait(conditions + condition, mutex)
            }
        }
    }

    /// Spins until `counter` moves past `seen` or ``spin`` has passed; the
    /// clock is read every 64 spins, not every one.
    private func spinWhileUnchanged(_ counter: ChangeCounter, from seen: UInt64) {
        let deadline = ContinuousClock.now + spin
        var spins = 0
        while counter.value.load(ordering: .relaxed) == seen {
            csys_cpu_relax()
            spins += 1
            if spins & 63 == 0, ContinuousClock.now >= deadline { return }
        }
    }

    private func signal(_ wake: Wake) {
        switch wake {
        case .nobody: break
        case .one:
            changes[0].bump()
            pthread_cond_signal(conditions)
        case .all:
            changes[0].bump()
            pthread_cond_broadcast(conditions)
        case .oneOf(let condition):
            precondition((0..<conditionCount).contains(condition), "condition \(condition) of \(conditionCount)")
            changes[condition].bump()
            pthread_cond_signal(conditions + condition)
        case .oneEach(let listed):
            for condition in listed {
                signal(.oneOf(condition))
            }
        case .everyone:
            for index in 0..<conditionCount {
                changes[index].bump()
                pthread_cond_broadcast(conditions + index)
            }
        }
    }
}

/// A counter of changes to one condition, shared by reference so an array
/// can hold one per condition (an `Atomic` cannot be copied into one).
private final class ChangeCounter: Sendable {
    let value = Atomic<UInt64>(0)

    func bump() {
        value.wrappingAdd(1, ordering: .releasing)
    }
}
