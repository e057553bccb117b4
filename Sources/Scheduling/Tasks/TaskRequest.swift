/// One inference request as the scheduler sees it.
public struct TaskRequest: Hashable, Sendable {
    /// Its id, unique among the caller's tasks in flight.
    public var id: TaskID
    /// The model to run.
    public var model: ModelID
    /// Its priority class.
    public var priorityClass: ClassID
    /// How long the caller waits for the answer, from submit; nil: the
    /// class's default timeout (which may be none).
    public var timeout: Duration?
    /// Whether a cheaper variant may answer instead of the preferred one.
    public var allowDowngrade: Bool
    /// The cheapest rung the caller accepts (index into the model's ladder);
    /// nil: any.
    public var lowestVariant: VariantID?
    /// The one rung that may run it (as a version in the URL pins one):
    /// never downgraded nor upgraded, so `allowDowngrade` and
    /// `lowestVariant` do not apply; nil: none pinned.
    public var pinnedVariant: VariantID?
    /// The domains that may run it; nil: any that has an acceptable variant.
    public var domains: [DomainID]?

    /// A request; the class's timeout, downgrades allowed to any rung, no pin, any domain unless said.
    public init(
        id: TaskID,
        model: ModelID,
        priorityClass: ClassID,
        timeout: Duration? = nil,
        allowDowngrade: Bool = true,
        lowestVariant: VariantID? = nil,
        pinnedVariant: VariantID? = nil,
        domains: [DomainID]? = nil
    ) {
        self.id = id
        self.model = model
        self.priorityClass = priorityClass
        self.timeout = timeout
        self.allowDowngrade = allowDowngrade
        self.lowestVariant = lowestVariant
        self.pinnedVariant = pinnedVariant
        self.domains = domains
    }
}
