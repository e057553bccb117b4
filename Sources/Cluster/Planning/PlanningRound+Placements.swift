import Scheduling

/// Which copies the plan keeps, adds and unloads.
extension PlanningRound {
    /// Carries the previous plan's copies on live nodes into this round and
    /// moves each a step through make-before-break, from what its node
    /// reports loaded:
    /// - warming and reported loaded: serving; the copy it replaces is
    ///   dropped (routes switch to the new copy in this same plan);
    /// - warming for ``PlannerConfiguration/loadTimeoutRounds`` rounds and
    ///   never reported: the load failed; dropped, and the copy it was to
    ///   replace serves on;
    /// - serving but no longer reported loaded: warming again (the plan still
    ///   wants it);
    /// - draining whose replacement is gone: serving again.
    ///
    /// Copies on a node that left the site are gone with it;
    /// ``addReplicasWhereShort()`` places them again where demand needs them.
    /// A node the previous plan did not know (and every node in the first
    /// round) keeps what it reports loaded, as serving copies of age 0:
    /// models stay where they are.
    mutating func keepResidentPlacements() {
        var known = [Bool](repeating: false, count: nodes.count)
        for nodePlan in input.previous?.nodes ?? [] {
            guard let node = nodeIndex[nodePlan.node] else { continue }
            known[node] = true
            for domainPlan in nodePlan.domains {
                for placement in domainPlan.placements {
                    guard let model = modelIndex[placement.model] else { continue }
                    nodes[node].copies.append(
                        Copy(
                            domain: domainPlan.domain, model: model, state: placement.state,
                            rounds: placement.rounds, replaces: placement.replaces))
                }
            }
        }
        advanceCopies()
        for node in nodes.indices where !known[node] {
            for domain in nodes[node].domains {
                for model in domain.loaded {
                    nodes[node].copies.append(
                        Copy(domain: domain.domain, model: model, state: .serving, rounds: 0, replaces: nil))
                }
            }
        }
    }

    private mutating func advanceCopies() {
        let names = configuration.models.map(\.name)
        var replacedAndDone = Set<PlacementKey>()
        var stillReplacing = Set<PlacementKey>()
        for node in nodes.indices {
            var kept: [Copy] = []
            for var copy in nodes[node].copies {
                let loaded = isReportedLoaded(copy, on: node)
                switch copy.state {
                case .warming where loaded:
                    if let replaced = copy.replaces { replacedAndDone.insert(replaced) }
                    copy = Copy(domain: copy.domain, model: copy.model, state: .serving, rounds: 0, replaces: nil)
                case .warming:
                    copy.rounds += 1
                    if copy.rounds >= configuration.loadTimeoutRounds { continue }
                    if let replaced = copy.replaces { stillReplacing.insert(replaced) }
                case .serving where !loaded:
                    copy = Copy(domain: copy.domain, model: copy.model, state: .warming, rounds: 0, replaces: nil)
                case .serving, .draining:
                    copy.rounds += 1
                }
                kept.append(copy)
            }
            kept.sort { ($0.domain, $0.model) < ($1.domain, $1.model) }
            nodes[node].copies = kept
        }
        for node in nodes.indices {
            let id = nodes[node].id
            if !replacedAndDone.isEmpty {
                nodes[node].copies = nodes[node].copies.filter { copy in
                    !replacedAndDone.contains(PlacementKey(node: id, domain: copy.domain, model: names[copy.model]))
                }
            }
            for position in nodes[node].copies.indices where nodes[node].copies[position].state == .draining {
                if !stillReplacing.contains(key(of: nodes[node].copies[position], on: node)) {
                    nodes[node].copies[position].state = .serving
                    nodes[node].copies[position].rounds = 0
                }
            }
        }
    }

    /// Unloads copies nobody uses: serving for at least the minimum
    /// residency, no demand for the model on their node, while the model keeps
    /// its minimum replicas and enough capacity at headroom without them.
    /// Idle copies go first by node id; each unload is a move.
    ///
    /// Why: an unused copy holds memory another model could use, but demand
    /// often comes back, so it is kept for the residency first.
    mutating func releaseIdleReplicas() {
        var figures = modelFigures()
        for node in nodes.indices {
            guard movesLeft > 0 else { return }
            var position = 0
            while position < nodes[node].copies.count, movesLeft > 0 {
                let copy = nodes[node].copies[position]
                let model = copy.model
                let capacity = copyCapacity(copy, on: node)
                let remaining = figures[model].capacity - capacity
                let idle =
                    copy.state == .serving && copy.rounds >= configuration.minimumResidencyRounds
                    && (nodes[node].demand[model]?.arrivals ?? 0) == 0
                if idle && figures[model].copies > configuration.models[model].minimumReplicas
                    && figures[model].demandAtDefault <= configuration.headroom * remaining
                {
                    figures[model].copies -= 1
                    figures[model].capacity = remaining
                    nodes[node].copies.remove(at: position)
                    movesLeft -= 1
                } else {
                    position += 1
                }
            }
        }
    }

    /// Adds copies of the models whose demand exceeds their capacity at
    /// headroom (serving copies as reported, warming ones as estimated), or
    /// that have fewer copies than their minimum replicas: the model with the
    /// largest class-weighted shortfall first (ties by name), each new copy in
    /// the domain with the most free worker time for it (ties: a node with
    /// demand for the model, then node id, then domain index), on a node that
    /// holds no copy of the model yet and has the memory. At most
    /// ``PlannerConfiguration/maximumMovesPerRound`` loads, less this round's
    /// unloads.
    ///
    /// Make-before-break: when the model has a copy that serves nobody (no
    /// demand on its node, no spare in its domain) past its residency, the
    /// new copy replaces it: the old one drains and is unloaded only once the
    /// new one is reported loaded.
    mutating func addReplicasWhereShort() {
        var figures = modelFigures()
        let models = configuration.models
        let order = figures.indices.filter { figures[$0].isShort(configuration, model: models[$0]) }
            .map { (shortfall: figures[$0].weightedShortfall(configuration), model: $0) }
            .sorted { ($1.shortfall, $0.model) < ($0.shortfall, $1.model) }
            .map(\.model)
        for model in order {
            while movesLeft > 0, figures[model].isShort(configuration, model: models[model]) {
                guard let (node, domain, rate) = bestDomain(for: model) else { break }
                let needed = figures[model].demandAtDefault / configuration.headroom - figures[model].capacity
                let expected = min(rate, max(needed, 0))
                let variant = configuration.models[model].variants[0]
                nodes[node].domains[domain].freeWorkerMilliseconds -= expected * variant.serviceMilliseconds
                nodes[node].domains[domain].freeMemoryBytes -= Double(memory(ofModel: model))
                let replaced = drainUnproductiveCopy(of: model)
                nodes[node].copies.append(
                    Copy(
                        domain: nodes[node].domains[domain].domain, model: model, state: .warming, rounds: 0,
                        replaces: replaced))
                nodes[node].copies.sort { ($0.domain, $0.model) < ($1.domain, $1.model) }
                figures[model].capacity += rate
                figures[model].copies += 1
                movesLeft -= 1
            }
        }
    }

    private func bestDomain(for model: Int) -> (node: Int, domain: Int, rate: Double)? {
        let serviceMilliseconds = configuration.models[model].variants[0].serviceMilliseconds
        let needed = Double(memory(ofModel: model))
        var best: (node: Int, domain: Int, rate: Double, demanded: Bool)?
        for node in nodes.indices where !nodes[node].copies.contains(where: { $0.model == model }) {
            let demanded = (nodes[node].demand[model]?.arrivals ?? 0) > 0
            for (position, domain) in nodes[node].domains.enumerated() where domain.freeMemoryBytes >= needed {
                let rate = domain.freeWorkerMilliseconds / serviceMilliseconds
                guard rate > 0 else { continue }
                if let current = best, current.rate > rate || (current.rate == rate && (current.demanded || !demanded))
                {
                    continue
                }
                best = (node, position, rate, demanded)
            }
        }
        return best.map { ($0.node, $0.domain, $0.rate) }
    }

    /// Marks the first copy of `model` (by node id) that serves nobody and is
    /// past its residency as draining, and returns its key.
    private mutating func drainUnproductiveCopy(of model: Int) -> PlacementKey? {
        for node in nodes.indices where (nodes[node].demand[model]?.arrivals ?? 0) == 0 {
            for position in nodes[node].copies.indices {
                let copy = nodes[node].copies[position]
                guard copy.model == model, copy.state == .serving,
                    copy.rounds >= configuration.minimumResidencyRounds,
                    spare(of: model, in: copy.domain, on: node) == 0
                else { continue }
                nodes[node].copies[position].state = .draining
                nodes[node].copies[position].rounds = 0
                return key(of: copy, on: node)
            }
        }
        return nil
    }

    /// Memory a copy of `model` holds at its current default rung: that
    /// variant and every cheaper one.
    func memory(ofModel model: Int) -> UInt64 {
        configuration.models[model].variants[defaultRungs[model]...].reduce(0) { $0 &+ $1.memoryBytes }
    }
}
