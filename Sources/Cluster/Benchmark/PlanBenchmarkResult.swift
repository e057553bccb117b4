public import Topology

/// What `edgesched bench plan` measured.
public struct PlanBenchmarkResult: Sendable, Equatable {
    /// Nodes of the site.
    public var nodes: Int
    /// Models of the site.
    public var models: Int
    /// Timed planning rounds (after one untimed warm-up).
    public var rounds: Int
    /// The seed the site and its demand changes came from.
    public var seed: UInt64
    /// The median planning time, in milliseconds.
    public var planMillisecondsMedian: Double
    /// The 99th-percentile planning time (nearest rank), in milliseconds.
    public var planMillisecondsP99: Double
    /// The longest planning time, in milliseconds.
    public var planMillisecondsMax: Double
    /// Placements added or removed between consecutive plans over the
    /// placements of the earlier one, averaged over the rounds.
    public var movedFraction: Double
    /// The largest moved fraction of one round.
    public var movedFractionMax: Double
    /// Placements of the last plan.
    public var placements: Int
    /// Routes of the last plan.
    public var routes: Int
    /// Models whose default variant the last plan lowered.
    public var loweredModels: Int

    /// A result.
    public init(
        nodes: Int, models: Int, rounds: Int, seed: UInt64, planMillisecondsMedian: Double,
        planMillisecondsP99: Double, planMillisecondsMax: Double, movedFraction: Double, movedFractionMax: Double,
        placements: Int, routes: Int, loweredModels: Int
    ) {
        self.nodes = nodes
        self.models = models
        self.rounds = rounds
        self.seed = seed
        self.planMillisecondsMedian = planMillisecondsMedian
        self.planMillisecondsP99 = planMillisecondsP99
        self.planMillisecondsMax = planMillisecondsMax
        self.movedFraction = movedFraction
        self.movedFractionMax = movedFractionMax
        self.placements = placements
        self.routes = routes
        self.loweredModels = loweredModels
    }

    /// The `edgesched.bench.plan/v1` document (docs/cluster-planner.md).
    public var json: JSONValue {
        .object([
            JSONMember("schema", .string("edgesched.bench.plan/v1")),
            JSONMember("nodes", .int(nodes)),
            JSONMember("models", .int(models)),
            JSONMember("rounds", .int(rounds)),
            JSONMember("seed", .int(Int(truncatingIfNeeded: seed))),
            JSONMember("plan_ms_median", .double(planMillisecondsMedian)),
            JSONMember("plan_ms_p99", .double(planMillisecondsP99)),
            JSONMember("plan_ms_max", .double(planMillisecondsMax)),
            JSONMember("moved_fraction", .double(movedFraction)),
            JSONMember("moved_fraction_max", .double(movedFractionMax)),
            JSONMember("placements", .int(placements)),
            JSONMember("routes", .int(routes)),
            JSONMember("lowered_models", .int(loweredModels)),
        ])
    }

    /// One line for a terminal.
    public var text: String {
        "plan \(nodes) nodes x \(models) models, \(rounds) rounds, seed \(seed): median \(Self.fixed(planMillisecondsMedian)) ms,"
            + " p99 \(Self.fixed(planMillisecondsP99)) ms, moved \(Self.fixed(movedFraction * 100)) % (max"
            + " \(Self.fixed(movedFractionMax * 100)) %) of \(placements) placements, \(routes) routes,"
            + " \(loweredModels) models lowered\n"
    }

    private static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100).\(fraction.count < 2 ? "0" + fraction : fraction)"
    }
}
