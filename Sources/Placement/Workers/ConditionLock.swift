import Glibc

/// State guarded by a mutex, with a condition variable to wait for it to
/// change: the blocking handoff between submitters and pinned workers, which
/// `Synchronization.Mutex` cannot do (it has no condition variable). Public
/// so the agent's bridge parks its workers on the same primitive.
///
/// `@unchecked Sendable` is safe: `state` is only read or written inside
/// `withLock`/`wait`, between `pthread_mutex_lock` and `pthread_mutex_unlock`
/// of the one mutex; the pointers themselves never change after `init`.
public final class ConditionLock<State: Sendable>: @unchecked Sendable {
    private var state: State
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    /// A lock guarding `initial`.
    public init(_ initial: State) {
        state = initial
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Whom to wake after a change.
    public enum Wake: Sendable {
        case nobody
        /// One waiter: a new job needs one worker, and waking all of them
        /// would make every other one go back to sleep for nothing.
        case one
        /// Every waiter: the change concerns all of them (closing, starting).
        case all
    }

    /// Runs `body` with the lock held, then wakes waiters as `wake` says.
    public func withLock<Result>(wake: Wake = .nobody, _ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer {
            switch wake {
            case .nobody: break
            case .one: pthread_cond_signal(condition)
            case .all: pthread_cond_broadcast(condition)
            }
            pthread_mutex_unlock(mutex)
        }
        return try body(&state)
    }

    /// Blocks until `ready` holds, then runs `body` with the lock held.
    @available(*, noasync, message: "blocks the thread; call from a worker thread")
    public func wait<Result>(until ready: (State) -> Bool, then body: (inout State) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !ready(state) {
            pthread_cond_wait(condition, mutex)
        }
        return body(&state)
    }
}
