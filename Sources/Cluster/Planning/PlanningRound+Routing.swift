import Scheduling

/// Default variants, routes and the plan itself.
extension PlanningRound {
    /// Lowers a model's default variant, for the classes that allow
    /// downgrades, when its demand exceeds the reported capacity at headroom:
    /// to the best variant at which the demand fits, or the cheapest. A lowered
    /// model goes back up only to a variant where the demand fits within
    /// ``PlannerConfiguration/restoreBelow`` of the capacity (hysteresis).
    /// A model without reported capacity keeps its default; one without
    /// downgradable demand returns to its preferred variant, as lowering
    /// would not help it.
    ///
    /// Why: new copies take rounds to load and are capped per round, while a
    /// cheaper variant adds capacity at once on every copy.
    mutating func lowerDefaultVariants() {
        let figures = modelFigures()
        for model in configuration.models.indices {
            let totals = figures[model]
            let rungs = configuration.models[model].variants.count
            guard totals.downgradable > 0 else {
                defaultRungs[model] = 0
                continue
            }
            guard totals.reportedCapacity > 0 else { continue }
            func fits(_ rung: Int, within share: Double) -> Bool {
                demandAtRung(rung, totals.arrivals, downgradable: totals.downgradable, model: model)
                    <= share * configuration.headroom * totals.reportedCapacity
            }
            let current = defaultRungs[model]
            let target = (0..<rungs).first { fits($0, within: 1) } ?? rungs - 1
            if target >= current {
                defaultRungs[model] = target
            } else {
                defaultRungs[model] =
                    (target...current).first { fits($0, within: configuration.restoreBelow) } ?? current
            }
        }
    }

    /// For each (node, model) whose demand exceeds its capacity at headroom,
    /// splits the overflow over the nodes whose serving copy has spare, and
    /// records each peer's share of the overflow.
    ///
    /// Per model: overloaded nodes in order of class-weighted overflow,
    /// largest first (ties by node id); peers in order of spare at headroom,
    /// largest first (ties by node id). Each overloaded node takes from the
    /// peers in that order, filling each before the next, at most
    /// ``PlannerConfiguration/maximumPeersPerRoute`` of them; what the site
    /// cannot absorb stays unrouted (shares sum below 1). A node with no
    /// spare, or whose copy is still warming, is never a peer.
    ///
    /// Why this order: the heaviest classes' overflow is placed first when
    /// the site is short, and filling the largest peers first keeps routes to
    /// few peers each.
    mutating func routeOverflow() {
        var overloaded = [[(node: Int, overflow: Double, weight: Double)]](
            repeating: [], count: configuration.models.count)
        var peers = [[(node: Int, available: Double)]](repeating: [], count: configuration.models.count)
        let headroom = configuration.headroom
        for node in nodes.indices {
            for (model, demand) in nodes[node].demand {
                let need = demandAtDefault(demand, model: model)
                let overflow = need - headroom * nodeCapacity(of: model, on: node)
                if overflow > Self.negligible * max(need, 1) {
                    let weight = demand.arrivals > 0 ? demand.weighted / demand.arrivals : 1
                    overloaded[model].append((node, overflow, overflow * weight))
                }
            }
            for model in modelsWithCopies(on: node) {
                let capacity = nodeCapacity(of: model, on: node)
                guard capacity > 0, hasSpare(model, on: node) else { continue }
                let need = nodes[node].demand[model].map { demandAtDefault($0, model: model) } ?? 0
                let available = headroom * capacity - need
                if available > Self.negligible * max(capacity, 1) { peers[model].append((node, available)) }
            }
        }
        var found: [(node: Int, model: Int, route: Route)] = []
        for model in configuration.models.indices where !overloaded[model].isEmpty && !peers[model].isEmpty {
            let senders = overloaded[model].sorted { ($1.weight, $0.node) < ($0.weight, $1.node) }
            var targets = peers[model].sorted { ($1.available, $0.node) < ($0.available, $1.node) }
            var next = 0
            for sender in senders {
                guard next < targets.count else { break }
                var left = sender.overflow
                var taken: [RoutePeer] = []
                while left > 0, next < targets.count, taken.count < configuration.maximumPeersPerRoute {
                    let amount = min(left, targets[next].available)
                    let target = targets[next].node
                    let demand = nodes[target].demand[model]
                    taken.append(
                        RoutePeer(
                            node: nodes[target].id, share: min(amount / sender.overflow, 1),
                            ingressEndpoint: nodes[target].endpoint, ingressPublicKey: nodes[target].ingressPublicKey,
                            queueDepth: demand?.queueDepth ?? 0,
                            serviceMilliseconds: demand?.serviceMilliseconds
                                ?? configuration.models[model].variants[defaultRungs[model]].serviceMilliseconds,
                            workers: servingWorkers(of: model, on: target)))
                    left -= amount
                    targets[next].available -= amount
                    if targets[next].available <= Self.negligible * max(amount, 1) { next += 1 }
                }
                taken.sort { ($1.share, $0.node) < ($0.share, $1.node) }
                found.append(
                    (
                        sender.node, model,
                        Route(node: nodes[sender.node].id, model: configuration.models[model].name, peers: taken)
                    ))
            }
        }
        found.sort { ($0.node, $0.model) < ($1.node, $1.model) }
        routes = found.map(\.route)
    }

    /// The plan: every live node with its copies grouped by domain, each
    /// loading its model's default variant and the cheaper ones; the routes;
    /// the default variants.
    func assemblePlan() -> SitePlan {
        let rungNames = configuration.models.indices.map { model in
            configuration.models[model].variants[defaultRungs[model]...].map(\.name)
        }
        let planned = nodes.map { node in
            var domains: [DomainPlan] = []
            for copy in node.copies {
                let placement = Placement(
                    model: configuration.models[copy.model].name, variants: rungNames[copy.model], state: copy.state,
                    rounds: copy.rounds, replaces: copy.replaces)
                if domains.last?.domain == copy.domain {
                    domains[domains.count - 1].placements.append(placement)
                } else {
                    domains.append(DomainPlan(domain: copy.domain, placements: [placement]))
                }
            }
            return NodePlan(
                node: node.id, ingressEndpoint: node.endpoint, ingressPublicKey: node.ingressPublicKey, domains: domains
            )
        }
        return SitePlan(
            epoch: input.epoch, inputDigest: digest.value, coordinator: input.coordinator, nodes: planned,
            routes: routes,
            defaultVariants: configuration.models.indices.map { model in
                ModelVariant(model: configuration.models[model].name, variant: rungNames[model][0])
            })
    }

    /// Rates below this share of their scale count as none, so rounding
    /// never makes a route or a peer of a few microrequests.
    private static let negligible = 1e-9

    /// The workers of the node's domains that report the model loaded.
    private func servingWorkers(of model: Int, on node: Int) -> Int {
        nodes[node].domains.filter { $0.loaded.contains(model) }.reduce(0) { $0 + $1.workers }
    }

    private func hasSpare(_ model: Int, on node: Int) -> Bool {
        nodes[node].copies.contains { copy in
            copy.model == model && copy.state != .warming && isReportedLoaded(copy, on: node)
                && spare(of: model, in: copy.domain, on: node) > 0
        }
    }
}
