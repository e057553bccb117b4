/// The cluster planner: a pure function from the latest vectors, the
/// previous plan and the configuration to the next plan. It reads no clock,
/// does no I/O and draws no random numbers, and walks nodes by id and models
/// by name, so every coordinator computes the same plan and digest from the
/// same inputs, whatever order the reports arrived in.
public enum Planner {
    /// The plan for one round. Steps, in order:
    /// 1. read the reports (one per node, sorted; the input digest);
    /// 2. ``PlanningRound/keepResidentPlacements()``: the previous plan's
    ///    copies stay, each moved a step through make-before-break;
    /// 3. ``PlanningRound/releaseIdleReplicas()``: unused copies past their
    ///    residency are unloaded while the model keeps enough;
    /// 4. ``PlanningRound/addReplicasWhereShort()``: copies added where
    ///    demand exceeds capacity at headroom, within the moves per round;
    /// 5. ``PlanningRound/lowerDefaultVariants()``: a model still short
    ///    serves its downgradable classes a cheaper variant;
    /// 6. ``PlanningRound/routeOverflow()``: what a node cannot serve goes to
    ///    peers with spare.
    ///
    /// - Complexity: O(e log e) in the report entries e (nodes × the models
    ///   and domains each reports), plus O(n × d) per copy added, at most
    ///   ``PlannerConfiguration/maximumMovesPerRound`` of them.
    public static func plan(_ input: PlannerInput, configuration: PlannerConfiguration) -> SitePlan {
        var round = PlanningRound(input: input, configuration: configuration)
        round.readReports()
        round.keepResidentPlacements()
        round.releaseIdleReplicas()
        round.addReplicasWhereShort()
        round.lowerDefaultVariants()
        round.routeOverflow()
        return round.assemblePlan()
    }
}
