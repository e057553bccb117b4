/// Everything one planning round reads, as plain values: the planner reads no
/// clock, does no I/O and draws no random numbers, so two coordinators with
/// equal inputs publish equal plans and a standby needs no copied state.
///
/// Time enters only as rounds: residency and load timeouts count plans
/// (``Placement/rounds``), not seconds, so the coordinators' clocks never
/// have to agree.
public struct PlannerInput: Sendable, Equatable {
    /// The latest report of each live node, in any order. The coordinator
    /// drops silent nodes before it plans; a node listed twice counts once,
    /// by its highest sequence number.
    public var reports: [NodeReport]
    /// The plan of the previous round, nil for the first: it carries each
    /// copy's state and age, which stickiness and make-before-break read.
    public var previous: SitePlan?
    /// The epoch to stamp on the plan. The coordinator owns epochs (it
    /// raises them past every epoch it has seen when it takes over), so the
    /// planner takes it rather than computing previous + 1.
    public var epoch: UInt64
    /// The coordinator planning, named on the plan.
    public var coordinator: NodeID

    /// A round's input.
    public init(reports: [NodeReport], previous: SitePlan?, epoch: UInt64, coordinator: NodeID) {
        self.reports = reports
        self.previous = previous
        self.epoch = epoch
        self.coordinator = coordinator
    }
}
