/// Why a task ran on a cheaper variant than its preferred one.
public enum DowngradeReason: String, CaseIterable, Hashable, Sendable {
    /// The preferred variant would have missed the task's deadline.
    case deadline
    /// The domain's queue delay is past its watermark.
    case pressure
    /// The domain is running hot.
    case thermal
    /// The domain's nodes are short of memory.
    case memory
    /// The preferred variant's circuit breaker is open.
    case errors
    /// The preferred variant is not loaded in the domain that ran the task.
    case placement
}
