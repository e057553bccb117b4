/// An agent's newest plan, with the one acceptance rule agents apply: a plan
/// whose epoch is not above the newest held is dropped (`oldEpoch`), so a
/// returning coordinator's stale plans never replace the current one's.
public struct PlanBook: Sendable {
    /// The newest plan held; nil before the first.
    public private(set) var newest: PublishedPlan?

    /// An empty book.
    public init() {}

    /// Holds `plan` as the newest; returns `oldEpoch` instead when its epoch
    /// is not above the held plan's (a coordinator publishes each plan under
    /// a greater epoch than its last).
    public mutating func offer(_ plan: PublishedPlan) -> DropReason? {
        if let newest, plan.epoch <= newest.epoch {
            return .oldEpoch
        }
        newest = plan
        return nil
    }
}
