import Scheduling

/// What the steps measure: capacity and demand per node and per model, in
/// requests per second at the model's preferred variant, so that figures
/// reported at different variants add up.
extension PlanningRound {
    /// One model's totals over the site.
    struct ModelFigures {
        /// Arrivals over all nodes.
        var arrivals: Double = 0
        /// Arrivals weighted by class weight.
        var weighted: Double = 0
        /// Arrivals of the classes that allow downgrades.
        var downgradable: Double = 0
        /// Demand at the current default variant, in preferred requests per second.
        var demandAtDefault: Double = 0
        /// Capacity of serving and draining copies as reported, plus warming copies as estimated.
        var capacity: Double = 0
        /// Capacity of serving and draining copies only, as reported.
        var reportedCapacity: Double = 0
        /// Copies in the plan, in any state.
        var copies = 0

        func isShort(_ configuration: PlannerConfiguration, model: PlannedModel) -> Bool {
            copies < model.minimumReplicas || demandAtDefault > configuration.headroom * capacity
        }

        /// The shortfall at headroom, weighted by the mean class weight of the demand.
        func weightedShortfall(_ configuration: PlannerConfiguration) -> Double {
            let shortfall = max(demandAtDefault - configuration.headroom * capacity, 0)
            return arrivals > 0 ? shortfall * weighted / arrivals : shortfall
        }
    }

    /// Totals per model, walking nodes in id order.
    func modelFigures() -> [ModelFigures] {
        var figures = [ModelFigures](repeating: ModelFigures(), count: configuration.models.count)
        for node in nodes.indices {
            for (model, demand) in nodes[node].demand {
                figures[model].arrivals += demand.arrivals
                figures[model].weighted += demand.weighted
                figures[model].downgradable += demand.downgradable
                figures[model].demandAtDefault += demandAtDefault(demand, model: model)
            }
            for model in modelsWithCopies(on: node) {
                let reported = nodeCapacity(of: model, on: node)
                figures[model].reportedCapacity += reported
                figures[model].capacity += reported
            }
            for copy in nodes[node].copies {
                figures[copy.model].copies += 1
                if copy.state == .warming {
                    figures[copy.model].capacity += copyCapacity(copy, on: node)
                }
            }
        }
        return figures
    }

    /// A node's demand for `model` in preferred requests per second, with the
    /// classes that allow downgrades served at the current default variant.
    func demandAtDefault(_ demand: NodeDemand, model: Int) -> Double {
        demandAtRung(defaultRungs[model], demand.arrivals, downgradable: demand.downgradable, model: model)
    }

    func demandAtRung(_ rung: Int, _ arrivals: Double, downgradable: Double, model: Int) -> Double {
        let variants = configuration.models[model].variants
        let cost = variants[rung].serviceMilliseconds / variants[0].serviceMilliseconds
        return (arrivals - downgradable) + downgradable * cost
    }

    /// What `node` can serve of `model`, in preferred requests per second:
    /// what it served plus the spare of its domains whose copy is serving or
    /// draining and reported loaded, scaled from the variant it serves now
    /// to the preferred one. 0 without such a copy.
    func nodeCapacity(of model: Int, on node: Int) -> Double {
        var spare = 0.0
        var serving = false
        for copy in nodes[node].copies where copy.model == model && copy.state != .warming {
            guard isReportedLoaded(copy, on: node) else { continue }
            serving = true
            spare += self.spare(of: model, in: copy.domain, on: node)
        }
        guard serving else { return 0 }
        let demand = nodes[node].demand[model]
        return ((demand?.served ?? 0) + spare) * scaleToPreferred(rung: demand?.rungInUse, model: model)
    }

    /// One copy's share of its node's capacity: its domain's spare for a
    /// serving or draining copy, the domain's free worker time at the
    /// preferred variant for a warming one.
    func copyCapacity(_ copy: Copy, on node: Int) -> Double {
        let rung = nodes[node].demand[copy.model]?.rungInUse
        if copy.state != .warming {
            return spare(of: copy.model, in: copy.domain, on: node) * scaleToPreferred(rung: rung, model: copy.model)
        }
        guard let domain = nodes[node].domains.first(where: { $0.domain == copy.domain }) else { return 0 }
        return max(domain.freeWorkerMilliseconds, 0) / configuration.models[copy.model].variants[0].serviceMilliseconds
    }

    /// Requests at `rung` expressed as requests at the preferred variant.
    func scaleToPreferred(rung: Int?, model: Int) -> Double {
        guard let rung else { return 1 }
        let variants = configuration.models[model].variants
        return variants[rung].serviceMilliseconds / variants[0].serviceMilliseconds
    }

    func spare(of model: Int, in domain: DomainID, on node: Int) -> Double {
        nodes[node].domains.first { $0.domain == domain }?.spare[model] ?? 0
    }

    func isReportedLoaded(_ copy: Copy, on node: Int) -> Bool {
        nodes[node].domains.first { $0.domain == copy.domain }?.loaded.contains(copy.model) ?? false
    }

    /// The distinct models of the node's copies, ascending.
    func modelsWithCopies(on node: Int) -> [Int] {
        var models = nodes[node].copies.map(\.model)
        models.sort()
        var unique: [Int] = []
        for model in models where unique.last != model { unique.append(model) }
        return unique
    }

    func key(of copy: Copy, on node: Int) -> PlacementKey {
        PlacementKey(node: nodes[node].id, domain: copy.domain, model: configuration.models[copy.model].name)
    }
}
