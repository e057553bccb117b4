/// An agent's newest plan, with the one acceptance rule agents apply: a plan
/// whose epoch is not above the newest held is dropped (`oldEpoch`), so a
/// returning coordinator's stale plans never replace the current one's.
///
/// Generic over the plan's Swift type, which the book only holds: the epoch
/// is passed beside it, as decoded from the plan's `epoch` field.
public struct PlanBook<Plan: Sendable>: Sendable {
    /// A plan and its epoch.
    public struct Entry: Sendable {
        /// The plan's epoch.
        public var epoch: UInt64
        /// The plan.
        public var plan: Plan
    }

    /// The newest plan held; nil before the first.
    public private(set) var newest: Entry?

    /// An empty book.
    public init() {}

    /// Holds `plan` of `epoch` as the newest; returns `oldEpoch` instead when
    /// the epoch is not above the held plan's (a coordinator publishes each
    /// plan under a greater epoch than its last).
    public mutating func offer(_ plan: Plan, epoch: UInt64) -> DropReason? {
        if let newest, epoch <= newest.epoch {
            return .oldEpoch
        }
        newest = Entry(epoch: epoch, plan: plan)
        return nil
    }
}
