/// Where a scheduler is in its life. It only moves forward:
///
/// - `running`: admits tasks and dispatches them.
/// - `draining`: refuses new tasks `shutting_down` and still dispatches
///   every queued one, so the agent can answer all accepted work before it
///   exits.
/// - `stopped`: every task that was still queued has been answered
///   `shutting_down`; new ones are refused, running ones still complete.
///
/// Moving backwards, or draining twice, is a bug in the caller (the agent's
/// own shutdown sequence), not input: it stops the program, naming the state.
public enum SchedulerLifecycle: String, CaseIterable, Hashable, Sendable {
    /// Admitting and dispatching.
    case running
    /// Refusing new tasks, dispatching the queued ones.
    case draining
    /// Nothing queued any more; only running tasks still complete.
    case stopped

    /// Whether a new task may be queued.
    public var admitsTasks: Bool { self == .running }

    /// running → draining.
    mutating func beginDraining() {
        guard self == .running else {
            preconditionFailure("beginDraining() on a scheduler that is \(self); only a running one starts draining")
        }
        self = .draining
    }

    /// running or draining → stopped.
    mutating func stop() {
        guard self != .stopped else {
            preconditionFailure("stop(now:) on a scheduler that is \(self) already")
        }
        self = .stopped
    }
}
