/// Why a task was not completed: the closed set of reasons users see and
/// metrics export. The raw values are exactly what is printed.
public enum RefusalReason: String, CaseIterable, Hashable, Sendable {
    /// Its class's queue was full at submit.
    case queueFull = "queue_full"
    /// Refused at submit: the predicted completion with the cheapest variant
    /// it accepts is past its deadline.
    case wouldMissDeadline = "would_miss_deadline"
    /// Dropped without running, at dispatch or by `expire(now:)`: its
    /// deadline had passed or could no longer be met by any variant it accepts.
    case deadlineExceeded = "deadline_exceeded"
    /// Shed from the queue (or refused) to keep a domain within capacity.
    case overload
    /// No domain has a variant it accepts loaded (or every such variant's
    /// circuit breaker is open).
    case modelUnavailable = "model_unavailable"
    /// The runtime failed while running it.
    case runtimeError = "runtime_error"
    /// Submitted while the scheduler was draining or stopped, or still
    /// queued when it stopped.
    case shuttingDown = "shutting_down"
    /// The caller withdrew it before it ran.
    case cancelled
}
