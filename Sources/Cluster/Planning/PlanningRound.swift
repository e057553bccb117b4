import Scheduling

/// The planner's working state for one round: the reports read into arrays
/// indexed by node (sorted by id) and by model (the configuration's order,
/// sorted by name), and the copies being decided. Every loop walks nodes,
/// domains and models in that order, so sums of doubles add in one order and
/// the plan is bit for bit the same whatever order the input came in.
struct PlanningRound {
    /// One live node as the round sees it.
    struct SiteNode {
        var id: NodeID
        var endpoint: String
        /// Its ingress's CURVE server key, as its report carries it (empty: plaintext).
        var ingressPublicKey: [UInt8]
        /// By domain index.
        var domains: [SiteDomain]
        /// By model index; nil where the node reported no demand.
        var demand: [Int: NodeDemand]
        /// The node's copies, by (domain, model).
        var copies: [Copy]
    }

    /// One domain of a live node.
    struct SiteDomain {
        var domain: DomainID
        /// Its worker threads.
        var workers: Int
        /// Worker milliseconds per second not yet spent: workers × (1 − utilisation) × 1000,
        /// less what this round's new copies are expected to take.
        var freeWorkerMilliseconds: Double
        /// Free memory less what this round's new copies hold.
        var freeMemoryBytes: Double
        /// Model indices with a variant reported loaded, sorted.
        var loaded: [Int]
        /// Reported spare requests per second, by model index.
        var spare: [Int: Double]
    }

    /// One model's demand on one node, summed over classes.
    struct NodeDemand {
        /// Requests per second that arrived.
        var arrivals: Double
        /// Requests per second the node served itself (arrivals less refused and shed).
        var served: Double
        /// Arrivals weighted by class weight, for ordering who is served first.
        var weighted: Double
        /// Arrivals of the classes that allow downgrades.
        var downgradable: Double
        /// Rung of the variant the node serves now, when it is a planned variant.
        var rungInUse: Int?
        /// Requests queued for the model.
        var queueDepth: Int
        /// The node's estimate of one run of the variant it serves now (else
        /// its fastest loaded one), ms; nil: it reported none.
        var serviceMilliseconds: Double?
    }

    /// A copy being decided.
    struct Copy {
        var domain: DomainID
        var model: Int
        var state: PlacementState
        var rounds: Int
        var replaces: PlacementKey?
    }

    let configuration: PlannerConfiguration
    let input: PlannerInput
    var nodes: [SiteNode] = []
    var nodeIndex: [NodeID: Int] = [:]
    let modelIndex: [String: Int]
    /// ``PlannerConfiguration/weight(ofClass:)`` of each configured class.
    let classWeights: [String: Double]
    /// Per model, the rung each placement loads from; the previous plan's or 0.
    var defaultRungs: [Int]
    var movesLeft: Int
    var digest = InputDigest()
    var routes: [Route] = []

    init(input: PlannerInput, configuration: PlannerConfiguration) {
        self.configuration = configuration
        self.input = input
        var modelIndex: [String: Int] = [:]
        for (index, model) in configuration.models.enumerated() {
            modelIndex[model.name] = index
        }
        self.modelIndex = modelIndex
        classWeights = Dictionary(
            configuration.classes.map { ($0.name, configuration.weight(ofClass: $0.name)) },
            uniquingKeysWith: { first, _ in first })
        defaultRungs = configuration.models.map { model in
            let previous = input.previous?.defaultVariant(of: model.name)
            return model.variants.firstIndex { $0.name == previous } ?? 0
        }
        movesLeft = configuration.maximumMovesPerRound
    }

    /// Reads the reports: one per node (the highest sequence), sorted by
    /// node id, each summed per model and per domain; demand for a model the
    /// configuration does not list is left out. Hashes the canonical form,
    /// the configuration and the previous plan's digest into the input digest.
    mutating func readReports() {
        var latest: [NodeID: NodeReport] = [:]
        for report in input.reports {
            if let held = latest[report.node], held.sequence >= report.sequence { continue }
            latest[report.node] = report
        }
        let reports = latest.values.sorted { $0.node < $1.node }
        hashConfiguration()
        digest.combine(input.previous.map { $0.inputDigest } ?? 0)
        digest.combine(byte: input.previous == nil ? 0 : 1)
        digest.combine(reports.count)
        nodes.reserveCapacity(reports.count)
        for report in reports {
            nodeIndex[report.node] = nodes.count
            nodes.append(read(report))
        }
    }

    private mutating func read(_ report: NodeReport) -> SiteNode {
        digest.combine(report.node.name)
        digest.combine(report.sequence)
        digest.combine(report.ingressEndpoint)
        digest.combine(report.ingressPublicKey.count)
        for byte in report.ingressPublicKey { digest.combine(byte: byte) }
        var demand: [Int: NodeDemand] = [:]
        let models = report.demand.models.compactMap { entry in modelIndex[entry.model].map { ($0, entry) } }
            .sorted { $0.0 < $1.0 }
        digest.combine(models.count)
        for (index, entry) in models where demand[index] == nil {
            demand[index] = read(entry, model: configuration.models[index])
        }
        var domains: [SiteDomain] = []
        for capacity in report.capacity.domains.sorted(by: { $0.domain < $1.domain })
        where domains.last?.domain != capacity.domain {
            domains.append(read(capacity))
        }
        digest.combine(domains.count)
        return SiteNode(
            id: report.node, endpoint: report.ingressEndpoint, ingressPublicKey: report.ingressPublicKey,
            domains: domains,
            demand: demand, copies: [])
    }

    private mutating func read(_ entry: ModelDemand, model: PlannedModel) -> NodeDemand {
        digest.combine(model.name)
        var total = NodeDemand(
            arrivals: 0, served: 0, weighted: 0, downgradable: 0, rungInUse: nil, queueDepth: max(entry.queueDepth, 0),
            serviceMilliseconds: Self.serviceMilliseconds(of: entry))
        digest.combine(total.queueDepth)
        digest.combine(total.serviceMilliseconds ?? -1)
        let classes = entry.classes.sorted { $0.className < $1.className }
        digest.combine(classes.count)
        for rates in classes {
            digest.combine(rates.className)
            digest.combine(rates.arrivalsPerSecond)
            digest.combine(rates.refusedPerSecond)
            digest.combine(rates.shedPerSecond)
            let arrivals = Self.rate(rates.arrivalsPerSecond)
            total.arrivals += arrivals
            total.served += max(0, arrivals - Self.rate(rates.refusedPerSecond) - Self.rate(rates.shedPerSecond))
            total.weighted += arrivals * (classWeights[rates.className] ?? 1)
            if model.downgradeClasses.contains(rates.className) {
                total.downgradable += arrivals
            }
        }
        digest.combine(entry.variantInUse)
        total.rungInUse = model.variants.firstIndex { $0.name == entry.variantInUse }
        return total
    }

    /// The estimate of the variant in use, or else the fastest reported; a
    /// rate that is not finite or below 0 counts as none.
    private static func serviceMilliseconds(of entry: ModelDemand) -> Double? {
        let usable = entry.variants.filter { $0.serviceMilliseconds.isFinite && $0.serviceMilliseconds >= 0 }
        return usable.first { $0.variant == entry.variantInUse }?.serviceMilliseconds
            ?? usable.map(\.serviceMilliseconds).min()
    }

    /// What a domain without a memory sensor counts as free: enough for any
    /// model, so that a missing sensor does not keep work off the node.
    static let unknownFreeMemory = Double(1 << 50)

    private mutating func read(_ capacity: DomainCapacity) -> SiteDomain {
        digest.combine(capacity.domain.index)
        digest.combine(capacity.workers)
        digest.combine(capacity.utilisation)
        digest.combine(byte: capacity.freeMemoryBytes == nil ? 0 : 1)
        digest.combine(capacity.freeMemoryBytes ?? 0)
        let idle = min(max(1 - Self.rate(capacity.utilisation), 0), 1)
        var loaded: [Int] = []
        for variant in capacity.loadedVariants {
            if let index = modelIndex[variant.model] { loaded.append(index) }
        }
        loaded.sort()
        loaded = Self.unique(loaded)
        digest.combine(loaded.count)
        for index in loaded { digest.combine(index) }
        var spare: [Int: Double] = [:]
        let spares = capacity.spare.compactMap { entry in modelIndex[entry.model].map { ($0, entry.requestsPerSecond) }
        }
        .sorted { $0.0 < $1.0 }
        for (index, rate) in spares where spare[index] == nil {
            digest.combine(index)
            digest.combine(rate)
            spare[index] = Self.rate(rate)
        }
        return SiteDomain(
            domain: capacity.domain, workers: max(capacity.workers, 0),
            freeWorkerMilliseconds: Double(max(capacity.workers, 0)) * idle * 1000,
            // A domain without a memory sensor is not held back by memory.
            freeMemoryBytes: capacity.freeMemoryBytes.map { Double($0) } ?? Self.unknownFreeMemory, loaded: loaded,
            spare: spare)
    }

    private mutating func hashConfiguration() {
        digest.combine(configuration.models.count)
        for model in configuration.models {
            digest.combine(model.name)
            digest.combine(model.minimumReplicas)
            digest.combine(model.downgradeClasses.count)
            for name in model.downgradeClasses.sorted() { digest.combine(name) }
            digest.combine(model.variants.count)
            for variant in model.variants {
                digest.combine(variant.name)
                digest.combine(variant.serviceMilliseconds)
                digest.combine(variant.memoryBytes)
            }
        }
        digest.combine(configuration.classes.count)
        for priorityClass in configuration.classes {
            digest.combine(priorityClass.name)
            digest.combine(configuration.weight(ofClass: priorityClass.name))
        }
        for limit in [
            configuration.minimumResidencyRounds, configuration.maximumMovesPerRound, configuration.loadTimeoutRounds,
            configuration.maximumPeersPerRoute,
        ] {
            digest.combine(limit)
        }
        digest.combine(configuration.headroom)
        digest.combine(configuration.restoreBelow)
    }

    /// A reported rate as the planner counts it: negative, NaN or infinite
    /// figures (a broken sender) count as 0.
    static func rate(_ value: Double) -> Double {
        value.isFinite && value > 0 ? value : 0
    }

    private static func unique(_ sorted: [Int]) -> [Int] {
        var result: [Int] = []
        for value in sorted where result.last != value { result.append(value) }
        return result
    }
}
