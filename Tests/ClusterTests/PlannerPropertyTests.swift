import Cluster
import Scheduling
import TestFixtures
import Testing
import Topology

/// The planner on random sites: the rules every plan keeps, and the same
/// plan whatever order the reports come in.
@Suite struct PlannerPropertyTests {
    /// A random site: 5 to 40 nodes of 1 to 3 domains, the fixture's two
    /// models loaded here and there with random spare, random demand.
    private func randomSite(_ random: inout SplitMix64, loadedBefore plan: SitePlan? = nil) throws -> [NodeReport] {
        let models = ["detect", "other"]
        let count = 5 + Int(random.next() % 36)
        return try (0..<count).compactMap { index -> NodeReport? in
            if random.next() % 10 == 0 { return nil }
            let name = "node-\(index)"
            let planned = plan?.nodes.first { $0.node.name == name }
            let domains = (0..<(1 + Int(random.next() % 3))).map { domain in
                let placed = planned?.domains.first { $0.domain.index == domain }?.placements.map(\.model) ?? []
                let loaded = models.filter { placed.contains($0) ? random.next() % 4 != 0 : random.next() % 3 == 0 }
                return DomainCapacity(
                    domain: DomainID(domain), workers: 4, utilisation: random.nextOpenUnit(),
                    freeMemoryBytes: (random.next() % 8) << 30, temperatureCelsius: nil,
                    loadedVariants: loaded.map { ModelVariant(model: $0, variant: "fp32") },
                    spare: loaded.map {
                        ModelSpare(
                            model: $0, requestsPerSecond: random.next() % 3 == 0 ? 0 : 300 * random.nextOpenUnit())
                    })
            }
            let demand = models.filter { _ in random.next() % 2 == 0 }.map { model in
                let arrivals = 400 * random.nextOpenUnit()
                let refused = random.next() % 2 == 0 ? arrivals * random.nextOpenUnit() : 0
                return ModelDemand(
                    model: model,
                    classes: ["critical", "standard", "batch"].map { name in
                        ClassDemand(
                            className: name, arrivalsPerSecond: arrivals / 3, onTimePerSecond: (arrivals - refused) / 3,
                            refusedPerSecond: refused / 3, shedPerSecond: 0)
                    },
                    queueDepth: 0, variants: [], variantInUse: random.next() % 2 == 0 ? "fp32" : "int8")
            }
            return NodeReport(
                node: try NodeID(name), sequence: 1, publicKey: [], intervalMilliseconds: 1000,
                ingressEndpoint: "tcp://10.0.0.\(index):5555", demand: DemandVector(models: demand),
                capacity: CapacityVector(domains: domains))
        }
    }

    @Test func everyPlanKeepsTheRoutingAndMoveRules() throws {
        var random = SplitMix64(seed: TestSeed.make(for: "PlannerPropertyTests.everyPlanKeepsTheRoutingAndMoveRules"))
        let configuration = try PlannerFixtures.configuration(minimumResidencyRounds: 1, maximumMovesPerRound: 3)
        for _ in 0..<30 {
            var plan: SitePlan?
            for _ in 0..<6 {
                let reports = try randomSite(&random, loadedBefore: plan)
                let next = try PlannerFixtures.plan(reports, previous: plan, configuration: configuration)
                try checkRules(next, reports: reports, previous: plan, configuration: configuration)
                plan = next
            }
        }
    }

    private func checkRules(
        _ plan: SitePlan, reports: [NodeReport], previous: SitePlan?, configuration: PlannerConfiguration
    ) throws {
        let live = Dictionary(uniqueKeysWithValues: reports.map { ($0.node, $0) })
        #expect(plan.nodes.allSatisfy { live[$0.node] != nil }, "placements only on live nodes")
        for route in plan.routes {
            #expect(live[route.node] != nil)
            let total = route.peers.reduce(0) { $0 + $1.share }
            #expect(total > 0 && total <= 1 + 1e-9, "route \(route.node) \(route.model) shares sum to \(total)")
            for peer in route.peers {
                #expect(peer.share > 0 && peer.share <= 1)
                let report = try #require(live[peer.node], "peer \(peer.node) is not live")
                #expect(peer.ingressEndpoint == report.ingressEndpoint)
                let domains = plan.nodes.first { $0.node == peer.node }?.domains ?? []
                let servingDomains = domains.filter { domain in
                    domain.placements.contains { $0.model == route.model && $0.state != .warming }
                }.map(\.domain)
                let reported = report.capacity.domains.filter { domain in
                    servingDomains.contains(domain.domain)
                        && domain.loadedVariants.contains { $0.model == route.model }
                        && domain.spare.contains { $0.model == route.model && $0.requestsPerSecond > 0 }
                }
                #expect(
                    !reported.isEmpty, "peer \(peer.node) of \(route.node) has no loaded, spare copy of \(route.model)")
            }
        }
        let before = Set(
            (previous?.nodes ?? []).flatMap { node in
                node.domains.flatMap { domain in domain.placements.map { "\(node.node)/\(domain.domain)/\($0.model)" } }
            })
        let ordered = plan.nodes.flatMap { node in
            node.domains.flatMap { domain in
                domain.placements.filter { $0.state == .warming && $0.rounds == 0 }
                    .map { "\(node.node)/\(domain.domain)/\($0.model)" }
            }
        }.filter { !before.contains($0) }
        if previous != nil {
            #expect(ordered.count <= configuration.maximumMovesPerRound, "new loads \(ordered.count)")
        }
    }

    @Test func shuffledReportsGiveTheSamePlanAndDigest() throws {
        var random = SplitMix64(
            seed: TestSeed.make(for: "PlannerPropertyTests.shuffledReportsGiveTheSamePlanAndDigest"))
        let configuration = try PlannerFixtures.configuration()
        for _ in 0..<20 {
            let reports = try randomSite(&random)
            let first = try PlannerFixtures.plan(reports, configuration: configuration)
            var shuffled = reports.shuffled(using: &random)
            for index in shuffled.indices {
                shuffled[index].demand.models.shuffle(using: &random)
                shuffled[index].capacity.domains.shuffle(using: &random)
                for model in shuffled[index].demand.models.indices {
                    shuffled[index].demand.models[model].classes.shuffle(using: &random)
                }
            }
            let second = try PlannerFixtures.plan(shuffled, configuration: configuration)
            #expect(second == first)
            let third = try PlannerFixtures.plan(reports, previous: first, configuration: configuration)
            let fourth = try PlannerFixtures.plan(shuffled, previous: second, configuration: configuration)
            #expect(third == fourth)
        }
    }
}
