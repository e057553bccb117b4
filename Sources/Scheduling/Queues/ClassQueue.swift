import HeapModule

/// The queued tasks of one class in one domain, with its start-time fair
/// queuing tags. Entries of tasks that left the queue another way
/// (cancelled, shed, stolen) stay in the heap until they reach its top,
/// where they are dropped at once, so the top is always a live task;
/// `count` and `work` count live tasks only.
struct ClassQueue: Sendable {
    var heap = Heap<QueueEntry>()
    var count = 0
    /// Estimated service of the live tasks, nanoseconds.
    var work = 0.0
    /// The variance of that service, square nanoseconds (the tasks' service
    /// times are independent, so their variances add).
    var workVariance = 0.0
    /// Virtual start tag of the class's next task.
    var startTag = 0.0
    /// Virtual finish tag of the class's last dispatched task.
    var finishTag = 0.0
}
