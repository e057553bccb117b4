import Scheduling
import Topology

/// A seeded synthetic site for `edgesched bench plan`: nodes of one to four
/// domains, models of two or three variants, demand skewed towards a few
/// popular models with some nodes overloaded, and one demanded model in
/// seven not loaded where it is asked for. It turns a plan into what the
/// nodes would report next (every ordered load succeeds by the next round),
/// so the benchmark feeds the planner realistic successive rounds.
struct BenchmarkSite {
    struct SiteNode {
        var id: NodeID
        /// Per domain: workers and memory.
        var domains: [(workers: Int, memoryBytes: UInt64)]
        /// Arrivals per second by model index, per class (`critical`, `standard`, `batch`).
        var demand: [(model: Int, classes: [Double])]
        /// Per domain, the model indices loaded.
        var loaded: [Set<Int>]
    }

    static let classNames = ["critical", "standard", "batch"]

    let configuration: PlannerConfiguration
    var nodes: [SiteNode]
    var random: SplitMix64

    /// A site of `nodeCount` nodes and `modelCount` models from `seed`.
    init(nodes nodeCount: Int, models modelCount: Int, seed: UInt64) throws(ClusterError) {
        var random = SplitMix64(seed: seed)
        let rungs: [(suffix: String, cost: Double, memory: Double, accuracy: Double)] = [
            ("fp32", 1, 1, 0.9), ("int8", 0.5, 0.4, 0.88), ("int4", 0.3, 0.25, 0.85),
        ]
        let models = (0..<modelCount).map { index in
            let serviceMilliseconds = 4 + 36 * random.nextOpenUnit()
            let memory = 200_000_000 + 1_300_000_000 * random.nextOpenUnit()
            let count = 2 + Int(random.next() % 2)
            return PlannedModel(
                name: "model-\(Self.padded(index, width: 3))",
                variants: rungs.prefix(count).map { rung in
                    PlannedVariant(
                        name: rung.suffix, serviceMilliseconds: serviceMilliseconds * rung.cost,
                        memoryBytes: UInt64(memory * rung.memory), accuracy: rung.accuracy)
                },
                downgradeClasses: ["standard", "batch"])
        }
        configuration = try PlannerConfiguration(models: models)
        var nodes: [SiteNode] = []
        nodes.reserveCapacity(nodeCount)
        for index in 0..<nodeCount {
            let domainCount = 1 + Int(random.next() % 4)
            let domains = (0..<domainCount).map { _ in
                (workers: random.next() % 2 == 0 ? 4 : 8, memoryBytes: UInt64(16 + random.next() % 49) << 30)
            }
            let workMilliseconds = Double(domains.reduce(0) { $0 + $1.workers }) * 1000
            let load = random.next() % 10 == 0 ? 1.2 + 0.8 * random.nextOpenUnit() : 0.2 + 0.5 * random.nextOpenUnit()
            var chosen: [Int] = []
            for _ in 0..<(2 + Int(random.next() % 5)) {
                let unit = random.nextOpenUnit()
                let model = min(Int(Double(modelCount) * unit * unit), modelCount - 1)
                if !chosen.contains(model) { chosen.append(model) }
            }
            chosen.sort()
            let demand = chosen.map { model in
                let share = workMilliseconds * load / Double(chosen.count)
                let rate = share / models[model].variants[0].serviceMilliseconds
                return (model: model, classes: [rate * 0.2, rate * 0.5, rate * 0.3])
            }
            var loaded = [Set<Int>](repeating: [], count: domainCount)
            for (position, model) in chosen.enumerated() where random.next() % 100 < 85 {
                loaded[position % domainCount].insert(model)
            }
            nodes.append(
                SiteNode(
                    id: try NodeID("node-\(Self.padded(index, width: 6))"), domains: domains, demand: demand,
                    loaded: loaded))
        }
        self.nodes = nodes
        self.random = random
    }

    /// Changes the demand of a few nodes (2 %, at least one) by up to ±5 % per model.
    mutating func perturbDemand() {
        let count = max(1, nodes.count / 50)
        for _ in 0..<count {
            let node = Int(random.next() % UInt64(nodes.count))
            for entry in nodes[node].demand.indices {
                let factor = 0.95 + 0.1 * random.nextOpenUnit()
                nodes[node].demand[entry].classes = nodes[node].demand[entry].classes.map { $0 * factor }
            }
        }
    }

    /// Loads what the plan places and unloads the rest: every load succeeds.
    mutating func apply(_ plan: SitePlan) {
        var position = 0
        for nodePlan in plan.nodes {
            while position < nodes.count, nodes[position].id < nodePlan.node { position += 1 }
            guard position < nodes.count, nodes[position].id == nodePlan.node else { continue }
            var loaded = [Set<Int>](repeating: [], count: nodes[position].domains.count)
            for domain in nodePlan.domains where loaded.indices.contains(domain.domain.index) {
                for placement in domain.placements {
                    if let model = Self.index(ofModel: placement.model) { loaded[domain.domain.index].insert(model) }
                }
            }
            nodes[position].loaded = loaded
        }
    }

    /// What every node reports after serving its demand on what it has
    /// loaded, at the plan's default variants (the preferred ones without a plan).
    func reports(defaults plan: SitePlan?) -> [NodeReport] {
        let rungs = configuration.models.map { model in
            let name = plan?.defaultVariant(of: model.name)
            return model.variants.firstIndex { $0.name == name } ?? 0
        }
        return nodes.map { report(of: $0, rungs: rungs) }
    }

    private func report(of node: SiteNode, rungs: [Int]) -> NodeReport {
        var served: [Int: Double] = [:]
        var domains: [DomainCapacity] = []
        for (index, domain) in node.domains.enumerated() {
            let budget = Double(domain.workers) * 1000
            let here = node.demand.filter { node.loaded[index].contains($0.model) }
            var work = 0.0
            for entry in here {
                let copies = Double(node.loaded.filter { $0.contains(entry.model) }.count)
                work += entry.classes.reduce(0, +) / copies * milliseconds(entry.model, rungs)
            }
            let fraction = work > budget ? budget / work : 1
            for entry in here {
                let copies = Double(node.loaded.filter { $0.contains(entry.model) }.count)
                served[entry.model, default: 0] += entry.classes.reduce(0, +) / copies * fraction
            }
            let leftover = max(budget - work, 0)
            let models = node.loaded[index].sorted()
            let memory = models.reduce(UInt64(0)) { sum, model in
                sum + configuration.models[model].variants[rungs[model]...].reduce(0) { $0 + $1.memoryBytes }
            }
            domains.append(
                DomainCapacity(
                    domain: DomainID(index), workers: domain.workers, utilisation: min(work / budget, 1),
                    freeMemoryBytes: domain.memoryBytes > memory ? domain.memoryBytes - memory : 0,
                    temperatureCelsius: nil,
                    loadedVariants: models.map {
                        ModelVariant(
                            model: configuration.models[$0].name,
                            variant: configuration.models[$0].variants[rungs[$0]].name)
                    },
                    spare: models.map {
                        ModelSpare(
                            model: configuration.models[$0].name, requestsPerSecond: leftover / milliseconds($0, rungs))
                    }))
        }
        let demand = node.demand.map { entry in
            let arrivals = entry.classes.reduce(0, +)
            let refusedShare = arrivals > 0 ? max(1 - (served[entry.model] ?? 0) / arrivals, 0) : 0
            let model = configuration.models[entry.model]
            return ModelDemand(
                model: model.name,
                classes: zip(Self.classNames, entry.classes).map { name, rate in
                    ClassDemand(
                        className: name, arrivalsPerSecond: rate, onTimePerSecond: rate * (1 - refusedShare),
                        refusedPerSecond: rate * refusedShare, shedPerSecond: 0)
                },
                queueDepth: 0,
                variants: model.variants.map {
                    VariantEstimate(variant: $0.name, serviceMilliseconds: $0.serviceMilliseconds)
                },
                variantInUse: model.variants[rungs[entry.model]].name)
        }
        return NodeReport(
            node: node.id, sequence: 1, publicKey: [], intervalMilliseconds: 1000,
            ingressEndpoint: "tcp://10.0.0.1:5555", demand: DemandVector(models: demand),
            capacity: CapacityVector(domains: domains))
    }

    private func milliseconds(_ model: Int, _ rungs: [Int]) -> Double {
        configuration.models[model].variants[rungs[model]].serviceMilliseconds
    }

    private static func index(ofModel name: String) -> Int? {
        Int(name.dropFirst("model-".count))
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
