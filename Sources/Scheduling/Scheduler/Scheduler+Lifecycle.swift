import HeapModule

extension Scheduler {
    /// Starts a graceful shutdown: new tasks are refused `shutting_down`,
    /// queued ones are still dispatched. Only a running scheduler drains
    /// (see ``SchedulerLifecycle``).
    public mutating func beginDraining() {
        lifecycle.beginDraining()
    }

    /// Ends the shutdown: answers every task still queued `shutting_down`
    /// (in task order) and refuses new ones; running tasks still complete.
    /// From running or draining (see ``SchedulerLifecycle``).
    /// - Complexity: O(tasks in flight × log tasks in flight)
    public mutating func stop(now: Instant) -> [TaskOutcome] {
        lifecycle.stop()
        let queued = tasks.values.filter { if case .queued = $0.state { true } else { false } }
            .sorted { $0.request.id < $1.request.id }
        var outcomes: [TaskOutcome] = []
        for record in queued {
            guard case .queued(let domain, _, _) = record.state,
                let taken = takeQueued(record.request.id, from: domain, classIndex: record.request.priorityClass.index)
            else { continue }
            outcomes.append(finish(taken, .refused(.shuttingDown), now: now))
        }
        return outcomes
    }

    /// Nothing queued and nothing running: a draining agent may stop.
    public var isIdle: Bool { tasks.isEmpty }
}
