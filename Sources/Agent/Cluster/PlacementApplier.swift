import Cluster
import Inference
import Logging
import Scheduling
import Synchronization

/// Applies each new plan's placements for this node through the agent's
/// repository path (``Agent/load(_:)``, ``Agent/unload(_:)``), off the
/// cluster link's thread: a model the plan places here is loaded, one it
/// manages but no longer places here is unloaded. Models the plan does not
/// manage (no default variant in it) are left as they are, and a plan that
/// does not list this node yet (its report has not reached the coordinator)
/// changes nothing.
///
/// Make-before-break is the planner's: it keeps the old copy in the plan
/// until the new one is reported loaded, so an unload here only follows a
/// load elsewhere that worked. A load that fails leaves the model
/// `unavailable`; it is tried again only once a plan has dropped it and
/// placed it anew, not every interval.
///
/// Plans that come while one is being applied are coalesced: the newest is
/// applied next.
final class PlacementApplier: Sendable {
    private struct State {
        var isApplying = false
        /// The newest placement not yet applied: by model index, nil where
        /// the plan does not manage the model, else whether it is placed here.
        var wanted: [Bool?]?
    }

    private let agent: Agent
    private let state = Mutex(State())

    init(agent: Agent) {
        self.agent = agent
    }

    /// Applies `plan`'s placements for `node`.
    func apply(_ plan: PublishedPlan, for node: NodeID) {
        guard let own = plan.nodes.first(where: { $0.node == node }) else { return }
        let managed = Set(plan.defaultVariants.map(\.model))
        let placed = Set(own.domains.flatMap { $0.variants.map(\.model) })
        let wanted = agent.repository.models.map { model in
            managed.contains(model.name) ? placed.contains(model.name) : nil
        }
        let starts = state.withLock { state in
            state.wanted = wanted
            defer { state.isApplying = true }
            return !state.isApplying
        }
        guard starts else { return }
        Task { await self.applyNewest() }
    }

    private func applyNewest() async {
        while let wanted = takeWanted() {
            for (index, placed) in wanted.enumerated() {
                guard let placed else { continue }
                let id = ModelID(index)
                switch (placed, agent.repository.state(of: id)) {
                case (true, .unloaded):
                    agent.logger.info("cluster: the plan places \(agent.repository.models[index].name) here")
                    _ = await agent.load(id)
                case (false, .ready), (false, .unavailable):
                    agent.logger.info("cluster: the plan moved \(agent.repository.models[index].name) away")
                    _ = await agent.unload(id)
                default:
                    continue
                }
            }
        }
    }

    /// The newest placement, or nil (and the applier idle) when there is none.
    private func takeWanted() -> [Bool?]? {
        state.withLock { state in
            defer { state.wanted = nil }
            if state.wanted == nil { state.isApplying = false }
            return state.wanted
        }
    }
}
