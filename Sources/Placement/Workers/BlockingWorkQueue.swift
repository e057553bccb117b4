import DequeModule

/// A first-in, first-out queue of jobs per execution domain; workers of a
/// domain block on it until a job arrives or it is closed and drained.
public final class BlockingWorkQueue: WorkSource {
    private struct DomainQueue: Sendable {
        var jobs: Deque<WorkerJob> = []
        var closed = false
    }

    private let queues: [ConditionLock<DomainQueue>]

    /// A queue for domains `0..<domainCount`, whose idle workers spin for
    /// `spin` before they park (see ``ConditionLock``).
    public init(domainCount: Int, spin: Duration = .zero) {
        precondition(domainCount > 0, "a work queue needs at least one domain")
        queues = (0..<domainCount).map { _ in ConditionLock(DomainQueue(), spin: spin) }
    }

    /// Queues `job` for a worker of `domain`. Returns false, without queuing,
    /// once the queue is closed: the caller answers the request itself.
    /// - Complexity: O(1)
    @discardableResult
    public func submit(_ job: @escaping WorkerJob, toDomain domain: Int) -> Bool {
        precondition(queues.indices.contains(domain), "domain \(domain) is not in 0..<\(queues.count)")
        return queues[domain].withLock(wake: .one) { queue in
            guard !queue.closed else { return false }
            queue.jobs.append(job)
            return true
        }
    }

    /// Jobs queued and not yet taken, in every domain.
    public var queuedCount: Int {
        queues.reduce(0) { total, queue in total + queue.withLock { $0.jobs.count } }
    }

    /// The oldest job of the worker's domain, waiting for one; nil once closed and empty.
    @available(*, noasync, message: "blocks the thread; only pinned workers call it")
    public func nextJob(for worker: WorkerContext) -> WorkerJob? {
        queues[worker.domainID].wait(until: { !$0.jobs.isEmpty || $0.closed }) { queue in
            queue.jobs.popFirst()
        }
    }

    /// Refuses new jobs and wakes every waiting worker.
    public func close() {
        for queue in queues {
            queue.withLock(wake: .all) { $0.closed = true }
        }
    }
}
