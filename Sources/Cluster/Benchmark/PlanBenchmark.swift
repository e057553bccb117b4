/// `edgesched bench plan`: how long the planner takes on a synthetic site and
/// how much its plan moves from round to round.
///
/// It lives beside the planner rather than in `Simulation` because it needs
/// the vector and plan types (and `Simulation` must not depend on
/// `Cluster`), and not in the executable, which holds commands only. The
/// clock it reads times the planner from outside; the planner reads none.
public enum PlanBenchmark {
    /// The largest site the benchmark builds: node names stay in index order
    /// up to it.
    public static let maximumNodes = 999_999
    /// The most models the benchmark names.
    public static let maximumModels = 999

    /// Builds a site of `nodes` nodes and `models` models from `seed`, plans
    /// once to warm up, then plans `rounds` times, each after a slight change
    /// of demand (±5 % on 2 % of the nodes) and with the previous plan
    /// applied (every load succeeds), timing each planning.
    public static func run(nodes: Int, models: Int, rounds: Int, seed: UInt64) throws(ClusterError)
        -> PlanBenchmarkResult
    {
        guard (1...maximumNodes).contains(nodes) else {
            throw ClusterError(.invalidBenchmark, "bench plan: nodes \(nodes) must be 1 to \(maximumNodes)")
        }
        guard (1...maximumModels).contains(models) else {
            throw ClusterError(.invalidBenchmark, "bench plan: models \(models) must be 1 to \(maximumModels)")
        }
        guard rounds >= 1 else {
            throw ClusterError(.invalidBenchmark, "bench plan: rounds \(rounds) must be 1 or more")
        }
        var site = try BenchmarkSite(nodes: nodes, models: models, seed: seed)
        let coordinator = try NodeID("coordinator-bench")
        var plan = Planner.plan(
            PlannerInput(reports: site.reports(defaults: nil), previous: nil, epoch: 1, coordinator: coordinator),
            configuration: site.configuration)
        site.apply(plan)
        let clock = ContinuousClock()
        var milliseconds: [Double] = []
        var moved: [Double] = []
        for round in 0..<rounds {
            site.perturbDemand()
            let input = PlannerInput(
                reports: site.reports(defaults: plan), previous: plan, epoch: UInt64(round) + 2,
                coordinator: coordinator)
            var next = plan
            let elapsed = clock.measure {
                next = Planner.plan(input, configuration: site.configuration)
            }
            milliseconds.append(
                Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            moved.append(movedFraction(from: plan, to: next))
            plan = next
            site.apply(plan)
        }
        milliseconds.sort()
        return PlanBenchmarkResult(
            nodes: nodes, models: models, rounds: rounds, seed: seed,
            planMillisecondsMedian: percentile(milliseconds, 0.5), planMillisecondsP99: percentile(milliseconds, 0.99),
            planMillisecondsMax: milliseconds.last ?? 0,
            movedFraction: moved.reduce(0, +) / Double(moved.count), movedFractionMax: moved.max() ?? 0,
            placements: plan.placementCount, routes: plan.routes.count,
            loweredModels: plan.defaultVariants.enumerated().filter { index, entry in
                site.configuration.models[index].variants[0].name != entry.variant
            }.count)
    }

    /// Placements (node, domain, model) added or removed between two plans,
    /// over the placements of the first.
    static func movedFraction(from previous: SitePlan, to next: SitePlan) -> Double {
        let before = keys(of: previous)
        let after = keys(of: next)
        let changed = before.symmetricDifference(after).count
        return Double(changed) / Double(max(before.count, 1))
    }

    private static func keys(of plan: SitePlan) -> Set<PlacementKey> {
        var keys = Set<PlacementKey>()
        for node in plan.nodes {
            for domain in node.domains {
                for placement in domain.placements {
                    keys.insert(PlacementKey(node: node.node, domain: domain.domain, model: placement.model))
                }
            }
        }
        return keys
    }

    /// The nearest-rank percentile of sorted values.
    private static func percentile(_ sorted: [Double], _ rank: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = Int((rank * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(position, 0), sorted.count - 1)]
    }
}
