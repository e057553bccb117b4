/// A task handed to a worker.
public struct Assignment: Hashable, Sendable {
    /// The task to run.
    public var task: TaskID
    /// Its model.
    public var model: ModelID
    /// The rung of the model's ladder to run.
    public var variant: VariantID
    /// Why it runs on a cheaper rung; nil on the preferred one.
    public var downgrade: DowngradeReason?
    /// The domain whose worker runs it (may differ from where it was queued
    /// when the worker stole it).
    public var domain: DomainID
    /// Its deadline; nil for none.
    public var deadline: Instant?

    /// An assignment from its parts (policies make them).
    public init(
        task: TaskID, model: ModelID, variant: VariantID, downgrade: DowngradeReason?, domain: DomainID,
        deadline: Instant?
    ) {
        self.task = task
        self.model = model
        self.variant = variant
        self.downgrade = downgrade
        self.domain = domain
        self.deadline = deadline
    }
}
