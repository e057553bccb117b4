import HeapModule

extension Scheduler {
    /// The class queue's first entry: always a task still queued there,
    /// because ``takeQueued(_:from:classIndex:sequence:)`` drops the stale
    /// entries that reach the top.
    func liveHead(domain: Int, classIndex: Int) -> QueueEntry? {
        domains[domain].queues[classIndex].heap.min
    }

    /// Removes a queued task from its queue's accounting and from the tasks
    /// in flight (its heap entry, if still there, becomes stale; stale
    /// entries at the top are dropped) and returns its record.
    mutating func takeQueued(_ task: TaskID, from domain: Int, classIndex: Int, sequence: UInt64? = nil) -> TaskRecord?
    {
        guard let record = tasks.removeValue(forKey: task) else { return nil }
        guard case .queued(let queuedDomain, let queuedSequence, let charge) = record.state, queuedDomain == domain,
            sequence.map({ $0 == queuedSequence }) ?? true
        else {
            tasks[task] = record
            return nil
        }
        domains[domain].queues[classIndex].count -= 1
        domains[domain].queues[classIndex].work -= charge
        if domains[domain].queues[classIndex].count == 0 {
            domains[domain].queues[classIndex].work = 0
        }
        queuedPerClass[classIndex] -= 1
        dropStaleHeads(domain: domain, classIndex: classIndex)
        return record
    }

    /// Pops the entries at the top of a class queue whose tasks left it.
    private mutating func dropStaleHeads(domain: Int, classIndex: Int) {
        while let entry = domains[domain].queues[classIndex].heap.min {
            if case .queued(let queuedDomain, let sequence, _) = tasks[entry.task]?.state,
                queuedDomain == domain, sequence == entry.sequence
            {
                return
            }
            domains[domain].queues[classIndex].heap.removeMin()
        }
    }
}
