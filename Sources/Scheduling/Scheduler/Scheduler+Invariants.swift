import HeapModule

extension Scheduler {
    /// Stops the program if the bookkeeping disagrees with itself: every
    /// queued task has a live heap entry in its class queue and is counted
    /// there once and charged at one variant, every class queue's head is
    /// live and its work the current estimates of what it holds, every
    /// running task is in its domain's running set.
    /// - Complexity: O(tasks + heap entries)
    package func checkInvariants() {
        struct Key: Hashable {
            var domain: Int
            var classIndex: Int
            var task: TaskID
            var sequence: UInt64
        }
        var entries = Set<Key>()
        for (domain, state) in domains.enumerated() {
            for (classIndex, queue) in state.queues.enumerated() {
                for entry in queue.heap.unordered {
                    entries.insert(
                        Key(domain: domain, classIndex: classIndex, task: entry.task, sequence: entry.sequence))
                }
            }
        }
        var live = Array(repeating: Array(repeating: 0, count: configuration.classes.count), count: domains.count)
        for (id, record) in tasks {
            switch record.state {
            case .queued(let domain, let sequence, _):
                let classIndex = record.request.priorityClass.index
                live[domain][classIndex] += 1
                let key = Key(domain: domain, classIndex: classIndex, task: id, sequence: sequence)
                precondition(entries.contains(key), "\(id) queued in domain \(domain) has no heap entry")
            case .running(let domain, _, _, _):
                precondition(
                    domains[domain].running.contains { $0.task == id },
                    "\(id) running in domain \(domain) is not in its running set")
            }
        }
        let perClass = configuration.classes.indices.map { classIndex in live.reduce(0) { $0 + $1[classIndex] } }
        precondition(perClass == queuedPerClass, "queued per class \(queuedPerClass), counted \(perClass)")
        for (domain, state) in domains.enumerated() {
            for (classIndex, queue) in state.queues.enumerated() {
                precondition(
                    queue.count == live[domain][classIndex],
                    "domain \(domain) class \(classIndex): count \(queue.count), live \(live[domain][classIndex])"
                )
                precondition(queue.work >= -1, "domain \(domain) class \(classIndex): negative work \(queue.work)")
                checkCharges(of: queue, domain: domain, classIndex: classIndex)
                if let head = queue.heap.min {
                    guard case .queued(let queuedDomain, let sequence, _) = tasks[head.task]?.state,
                        queuedDomain == domain, sequence == head.sequence
                    else {
                        preconditionFailure("domain \(domain) class \(classIndex): the head \(head.task) is stale")
                    }
                }
            }
            for id in state.running.map(\.task) {
                guard case .running(let runningDomain, _, _, _) = tasks[id]?.state, runningDomain == domain else {
                    preconditionFailure("\(id) is in domain \(domain)'s running set but not running there")
                }
            }
        }
    }

    /// A class queue holds as many tasks as are charged at its variants, and
    /// its work is their variants' current estimates (to rounding).
    private func checkCharges(of queue: ClassQueue, domain: Int, classIndex: Int) {
        var charged = 0
        var work = 0.0
        for (model, rungs) in domains[domain].queuedByVariant.enumerated() {
            for (rung, perClass) in rungs.enumerated() {
                charged += perClass[classIndex]
                work += Double(perClass[classIndex]) * currentCharge(model: model, rung: rung, domain: domain).work
            }
        }
        precondition(
            charged == queue.count, "domain \(domain) class \(classIndex): \(charged) charged, \(queue.count) queued")
        precondition(
            abs(queue.work - work) <= 1 + 1e-6 * work,
            "domain \(domain) class \(classIndex): work \(queue.work), charged at today's estimates \(work)")
    }
}
