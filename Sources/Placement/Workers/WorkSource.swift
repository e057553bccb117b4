/// What a worker runs: a job gets the worker's context (its domain, CPUs,
/// node-local allocation) and runs to completion on the pinned thread.
public typealias WorkerJob = @Sendable (WorkerContext) -> Void

/// Where pinned workers pull their work from. The pool's workers call
/// ``nextJob(for:)`` in a loop; it blocks while the worker's domain has
/// nothing to do. The agent's scheduler is one source; ``BlockingWorkQueue``
/// is the plain FIFO one.
public protocol WorkSource: Sendable {
    /// The next job for `worker`'s domain, blocking until there is one; nil
    /// once the source is closed and the domain's queued work is drained.
    @available(*, noasync, message: "blocks the thread; only pinned workers call it")
    func nextJob(for worker: WorkerContext) -> WorkerJob?

    /// Refuses new work and wakes every waiting worker, so that workers drain
    /// what is queued and then exit.
    func close()
}
