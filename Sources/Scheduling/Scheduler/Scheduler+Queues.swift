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
    /// entries at the top are dropped) and returns its record; nil if it is
    /// not queued there (with that sequence, when given).
    mutating func takeQueued(_ task: TaskID, from domain: Int, classIndex: Int, sequence: UInt64? = nil) -> TaskRecord?
    {
        guard let index = tasks.index(forKey: task) else { return nil }
        return takeQueued(at: index, from: domain, classIndex: classIndex, sequence: sequence, becoming: nil)
    }

    /// ``takeQueued(_:from:classIndex:sequence:)`` for a task already
    /// looked up; with `becoming`, the task stays in flight in that state
    /// (one lookup for a dispatch) instead of leaving.
    mutating func takeQueued(
        at index: Dictionary<TaskID, TaskRecord>.Index,
        from domain: Int,
        classIndex: Int,
        sequence: UInt64?,
        becoming newState: TaskRecord.State?
    ) -> TaskRecord? {
        let record = tasks.values[index]
        guard case .queued(let queuedDomain, let queuedSequence, let chargedRung) = record.state,
            queuedDomain == domain,
            sequence.map({ $0 == queuedSequence }) ?? true
        else { return nil }
        if let newState {
            tasks.values[index].state = newState
        } else {
            tasks.remove(at: index)
        }
        charge(-1, toClass: classIndex, in: domain, model: record.request.model.index, rung: chargedRung)
        queuedPerClass[classIndex] -= 1
        if let top = domains[domain].queues[classIndex].heap.min, top.task == record.request.id,
            top.sequence == queuedSequence
        {
            domains[domain].queues[classIndex].heap.removeMin()
        }
        dropStaleHeads(domain: domain, classIndex: classIndex)
        return record
    }

    /// Pops the entries at the top of a class queue whose tasks left it
    /// (none to look for when the heap holds only live entries).
    private mutating func dropStaleHeads(domain: Int, classIndex: Int) {
        while domains[domain].queues[classIndex].heap.count > domains[domain].queues[classIndex].count,
            let entry = domains[domain].queues[classIndex].heap.min
        {
            if case .queued(let queuedDomain, let sequence, _) = tasks[entry.task]?.state,
                queuedDomain == domain, sequence == entry.sequence
            {
                return
            }
            domains[domain].queues[classIndex].heap.removeMin()
        }
    }
}
