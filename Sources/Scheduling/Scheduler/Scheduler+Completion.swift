extension Scheduler {
    /// Ends a running task: learns its service time, feeds the circuit breaker, answers it.
    public mutating func complete(_ task: TaskID, now: Instant, succeeded: Bool) -> TaskOutcome {
        guard let record = tasks.removeValue(forKey: task),
            case .running(let domain, let rung, let downgrade, let started) = record.state
        else {
            preconditionFailure("\(task) completed but it is not running (queued or unknown)")
        }
        if let position = domains[domain].running.firstIndex(where: { $0.task == task }) {
            domains[domain].running.swapAt(position, domains[domain].running.count - 1)
            domains[domain].running.removeLast()
        }
        let model = record.request.model.index
        if succeeded {
            updateEstimate(model: model, rung: rung, domain: domain) {
                $0.record(model: model, rung: rung, domain: domain, measured: (now - started).nanoseconds)
            }
        }
        domains[domain].breakers[model][rung].record(
            succeeded: succeeded, now: now, configuration: configuration.downgrade.errors)
        if succeeded, record.deadline != .max {
            domains[domain].lateness.record(late: now.nanoseconds > record.deadline)
        }
        let result: TaskOutcome.Result =
            succeeded ? .completed(variant: VariantID(rung), downgrade: downgrade) : .refused(.runtimeError)
        return finish(record, result, now: now, started: started, domain: domain)
    }

    /// Withdraws a queued task (`cancelled`); a running one is left to finish (nil).
    public mutating func cancel(_ task: TaskID, now: Instant) -> TaskOutcome? {
        guard let record = tasks[task], case .queued(let domain, _, _) = record.state,
            let taken = takeQueued(task, from: domain, classIndex: record.request.priorityClass.index)
        else { return nil }
        return finish(taken, .refused(.cancelled), now: now)
    }
}
