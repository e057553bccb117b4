public import Scheduling

/// What the planner knows of the site beyond the vectors: the models it
/// places, their variants, the priority classes, and the limits that keep
/// successive plans stable. Every coordinator of a site must hold the same
/// configuration; it is part of every plan's input digest.
///
/// Invariants (checked by ``init(models:classes:headroom:minimumResidencyRounds:maximumMovesPerRound:loadTimeoutRounds:maximumPeersPerRoute:restoreBelow:)``):
/// at least one model, model names unique, every model with at least one
/// variant, every limit in its documented range.
public struct PlannerConfiguration: Sendable, Equatable {
    /// The models the planner places, sorted by name; demand for a model not
    /// listed here is left to the node that has it.
    public let models: [PlannedModel]
    /// The site's priority classes: their weights order who is served first
    /// when capacity is short. A class a report names but this list lacks
    /// weighs 1.
    public let classes: [PriorityClass]
    /// The share of a copy's capacity the planner fills before it adds a
    /// replica or routes overflow elsewhere (0.85: 15 % left for bursts).
    public let headroom: Double
    /// Rounds a copy serves before the planner may unload or move it: a copy
    /// that just went idle is kept, since demand often returns.
    public let minimumResidencyRounds: Int
    /// Loads and unloads the planner may order in one round, over the site:
    /// loading costs memory bandwidth and a warm-up, so a plan changes a
    /// little at a time.
    public let maximumMovesPerRound: Int
    /// Rounds a new copy may take to show up as loaded in its node's capacity
    /// vector; after them the load counts as failed, the copy is dropped and
    /// the copy it was to replace serves on.
    public let loadTimeoutRounds: Int
    /// Peers a route names at most: a node forwards to few peers, each with a
    /// large share, rather than spreading thin.
    public let maximumPeersPerRoute: Int
    /// Hysteresis of default-variant lowering: a lowered model returns to a
    /// better variant only when its demand at that variant is at most this
    /// share of the capacity at headroom, so a model near the edge does not
    /// flip every round.
    public let restoreBelow: Double

    /// A configuration; throws naming the first value out of range.
    public init(
        models: [PlannedModel], classes: [PriorityClass] = PriorityClass.defaults, headroom: Double = 0.85,
        minimumResidencyRounds: Int = 10, maximumMovesPerRound: Int = 32, loadTimeoutRounds: Int = 5,
        maximumPeersPerRoute: Int = 4, restoreBelow: Double = 0.9
    ) throws(ClusterError) {
        guard !models.isEmpty else {
            throw ClusterError(.invalidPlannerConfiguration, "planner: no models; give at least one model to place")
        }
        let sorted = models.sorted { $0.name < $1.name }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.name == next.name {
            throw ClusterError(.invalidPlannerConfiguration, "planner: model \"\(next.name)\" is listed twice")
        }
        for model in sorted {
            try model.validate()
        }
        try Self.check(headroom > 0 && headroom <= 1, "headroom", "\(headroom)", "must be above 0 and at most 1")
        try Self.check(
            restoreBelow > 0 && restoreBelow <= 1, "restoreBelow", "\(restoreBelow)", "must be above 0 and at most 1")
        try Self.check(
            minimumResidencyRounds >= 0, "minimumResidencyRounds", "\(minimumResidencyRounds)", "must be 0 or more")
        try Self.check(
            maximumMovesPerRound >= 1, "maximumMovesPerRound", "\(maximumMovesPerRound)", "must be 1 or more")
        try Self.check(loadTimeoutRounds >= 1, "loadTimeoutRounds", "\(loadTimeoutRounds)", "must be 1 or more")
        try Self.check(
            maximumPeersPerRoute >= 1, "maximumPeersPerRoute", "\(maximumPeersPerRoute)", "must be 1 or more")
        self.models = sorted
        self.classes = classes
        self.headroom = headroom
        self.minimumResidencyRounds = minimumResidencyRounds
        self.maximumMovesPerRound = maximumMovesPerRound
        self.loadTimeoutRounds = loadTimeoutRounds
        self.maximumPeersPerRoute = maximumPeersPerRoute
        self.restoreBelow = restoreBelow
    }

    /// The weight that orders a class's unmet demand: a weighted class's
    /// weight; a strict class, served before every weighted class, weighs the
    /// sum of all weighted classes' weights plus one; an unknown class 1.
    func weight(ofClass name: String) -> Double {
        guard let priorityClass = classes.first(where: { $0.name == name }) else { return 1 }
        guard priorityClass.strict else { return Double(max(priorityClass.weight, 1)) }
        return Double(classes.filter { !$0.strict }.reduce(1) { $0 + max($1.weight, 1) })
    }

    private static func check(
        _ condition: Bool, _ key: String, _ value: String, _ rule: String
    ) throws(ClusterError) {
        guard condition else {
            throw ClusterError(.invalidPlannerConfiguration, "planner: \(key) \(value) \(rule)")
        }
    }
}

/// A model the planner places: its variants best first, and who may be served
/// a cheaper one.
public struct PlannedModel: Sendable, Equatable {
    /// The model's name, as requests and vectors give it.
    public var name: String
    /// The variants in preference order: the first is the one served when
    /// capacity allows, each next one is a cheaper rung.
    public var variants: [PlannedVariant]
    /// The classes whose requests may be served a cheaper variant (the
    /// scheduler's `allowDowngrade`); demand of the other classes always
    /// counts at the preferred variant.
    public var downgradeClasses: [String]
    /// Copies the site keeps at least, loaded or not demanded: the planner
    /// never unloads below it and adds copies until it is met.
    public var minimumReplicas: Int

    /// A model.
    public init(name: String, variants: [PlannedVariant], downgradeClasses: [String] = [], minimumReplicas: Int = 1) {
        self.name = name
        self.variants = variants
        self.downgradeClasses = downgradeClasses
        self.minimumReplicas = minimumReplicas
    }

    func validate() throws(ClusterError) {
        guard !name.isEmpty else {
            throw ClusterError(.invalidPlannerConfiguration, "planner: a model has an empty name")
        }
        guard !variants.isEmpty else {
            throw ClusterError(
                .invalidPlannerConfiguration, "planner: model \"\(name)\" has no variants; give at least one")
        }
        for variant in variants {
            guard variant.serviceMilliseconds.isFinite, variant.serviceMilliseconds > 0 else {
                throw ClusterError(
                    .invalidPlannerConfiguration,
                    "planner: model \"\(name)\" variant \"\(variant.name)\": serviceMilliseconds \(variant.serviceMilliseconds) must be above 0"
                )
            }
        }
        guard minimumReplicas >= 0 else {
            throw ClusterError(
                .invalidPlannerConfiguration,
                "planner: model \"\(name)\": minimumReplicas \(minimumReplicas) must be 0 or more")
        }
    }
}

/// One variant of a planned model: what a request costs and what a copy holds.
public struct PlannedVariant: Sendable, Equatable {
    /// The variant's name (`int8`).
    public var name: String
    /// Worker time of one request, in milliseconds, on one worker: the
    /// estimate for a node that has not reported its own. Ratios between a
    /// model's variants scale the capacity a node reports at one variant to
    /// another.
    public var serviceMilliseconds: Double
    /// Memory a loaded copy holds, in bytes.
    public var memoryBytes: UInt64
    /// The variant's accuracy on the model's reference set, 0 to 1, for
    /// operators and reports; the planner orders by preference, not by it.
    public var accuracy: Double

    /// A variant.
    public init(name: String, serviceMilliseconds: Double, memoryBytes: UInt64, accuracy: Double) {
        self.name = name
        self.serviceMilliseconds = serviceMilliseconds
        self.memoryBytes = memoryBytes
        self.accuracy = accuracy
    }
}
