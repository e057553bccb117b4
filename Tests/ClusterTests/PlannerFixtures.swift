import Cluster
import Scheduling

/// Small sites for the planner's tests: one domain per node unless said, a
/// model `detect` (fp32 10 ms, int8 5 ms) whose `standard` and `batch`
/// classes allow downgrades, and a model `other` to fill domains.
enum PlannerFixtures {
    static let gigabyte: UInt64 = 1 << 30

    static func configuration(
        minimumResidencyRounds: Int = 2, maximumMovesPerRound: Int = 4, loadTimeoutRounds: Int = 3,
        minimumReplicas: Int = 1
    ) throws -> PlannerConfiguration {
        try PlannerConfiguration(
            models: [
                PlannedModel(
                    name: "detect",
                    variants: [
                        PlannedVariant(name: "fp32", serviceMilliseconds: 10, memoryBytes: gigabyte, accuracy: 0.9),
                        PlannedVariant(name: "int8", serviceMilliseconds: 5, memoryBytes: gigabyte / 2, accuracy: 0.88),
                    ],
                    downgradeClasses: ["standard", "batch"], minimumReplicas: minimumReplicas),
                PlannedModel(
                    name: "other",
                    variants: [
                        PlannedVariant(name: "fp32", serviceMilliseconds: 10, memoryBytes: gigabyte, accuracy: 0.9)
                    ],
                    minimumReplicas: 0),
            ],
            minimumResidencyRounds: minimumResidencyRounds, maximumMovesPerRound: maximumMovesPerRound,
            loadTimeoutRounds: loadTimeoutRounds)
    }

    /// Demand of one model on a node: arrivals per class, what of it was refused.
    struct Load {
        var model = "detect"
        var standard = 0.0
        var critical = 0.0
        var refused = 0.0
        var variantInUse = "fp32"
    }

    /// A node with one domain (4 workers) that has `loaded` loaded with the
    /// given spare, and the given demand.
    static func node(
        _ name: String, demand: [Load] = [], loaded: [String] = [], spare: [String: Double] = [:],
        utilisation: Double = 0.5, freeMemory: UInt64 = 16 << 30, sequence: UInt64 = 1
    ) throws -> NodeReport {
        let models = demand.map { load in
            let total = load.standard + load.critical
            let refusedShare = total > 0 ? load.refused / total : 0
            return ModelDemand(
                model: load.model,
                classes: [
                    ClassDemand(
                        className: "critical", arrivalsPerSecond: load.critical,
                        onTimePerSecond: load.critical * (1 - refusedShare),
                        refusedPerSecond: load.critical * refusedShare, shedPerSecond: 0),
                    ClassDemand(
                        className: "standard", arrivalsPerSecond: load.standard,
                        onTimePerSecond: load.standard * (1 - refusedShare),
                        refusedPerSecond: load.standard * refusedShare, shedPerSecond: 0),
                ],
                queueDepth: 0, variants: [], variantInUse: load.variantInUse)
        }
        let variantInUse = Dictionary(
            demand.map { ($0.model, $0.variantInUse) }, uniquingKeysWith: { first, _ in first })
        let domain = DomainCapacity(
            domain: 0, workers: 4, utilisation: utilisation, freeMemoryBytes: freeMemory, temperatureCelsius: nil,
            loadedVariants: loaded.map { ModelVariant(model: $0, variant: variantInUse[$0] ?? "fp32") },
            spare: loaded.map { ModelSpare(model: $0, requestsPerSecond: spare[$0] ?? 0) })
        return NodeReport(
            node: try NodeID(name), sequence: sequence, publicKey: [], intervalMilliseconds: 1000,
            ingressEndpoint: "tcp://127.0.0.1:7\(name.utf8.count)00", demand: DemandVector(models: models),
            capacity: CapacityVector(domains: [domain]))
    }

    static func plan(
        _ reports: [NodeReport], previous: SitePlan? = nil, configuration: PlannerConfiguration
    ) throws -> SitePlan {
        let plan = Planner.plan(
            PlannerInput(
                reports: reports, previous: previous, epoch: (previous?.epoch ?? 0) + 1,
                coordinator: try NodeID("coordinator-a")),
            configuration: configuration)
        plan.checkInvariants()
        return plan
    }

    /// The placement of `model` on `node`, domain 0.
    static func placement(_ model: String, on node: String, in plan: SitePlan) -> Placement? {
        plan.nodes.first { $0.node.name == node }?.domains.first { $0.domain == 0 }?.placements.first {
            $0.model == model
        }
    }

    static func route(_ model: String, from node: String, in plan: SitePlan) -> Route? {
        plan.routes.first { $0.node.name == node && $0.model == model }
    }

    /// A previous plan that holds `placements` (node, model, state, rounds), all in domain 0.
    static func previousPlan(_ placements: [(String, String, PlacementState, Int)]) throws -> SitePlan {
        let byNode = Dictionary(grouping: placements, by: \.0)
        let nodes = try byNode.keys.sorted().map { name in
            NodePlan(
                node: try NodeID(name),
                domains: [
                    DomainPlan(
                        domain: 0,
                        placements: (byNode[name] ?? []).sorted { $0.1 < $1.1 }.map {
                            Placement(model: $0.1, variants: ["fp32", "int8"], state: $0.2, rounds: $0.3)
                        })
                ])
        }
        return SitePlan(
            epoch: 7, inputDigest: 42, coordinator: try NodeID("coordinator-a"), nodes: nodes, routes: [],
            defaultVariants: [
                ModelVariant(model: "detect", variant: "fp32"), ModelVariant(model: "other", variant: "fp32"),
            ])
    }
}
