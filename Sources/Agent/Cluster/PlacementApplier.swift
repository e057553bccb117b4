import Cluster
import Inference
import Logging
import Scheduling
import Synchronization

/// Applies each new plan's placements for this node through the agent's
/// repository path (``Agent/load(_:domains:)``, ``Agent/unload(_:domains:)``),
/// off the cluster link's thread: a model the plan places in a domain here
/// is loaded there, one it manages but no longer places in a domain is
/// unloaded there. Models the plan does not manage (no default variant in
/// it) are left as they are, and a plan that does not list this node yet
/// (its report has not reached the coordinator) changes nothing.
///
/// Make-before-break is the planner's: it keeps the old copy in the plan
/// until the new one is reported loaded, so an unload here only follows a
/// load elsewhere that worked. A load that fails in a domain is not tried
/// again there every interval: only once a plan has dropped that placement
/// and made it anew.
///
/// Plans that come while one is being applied are coalesced: the newest is
/// applied next.
final class PlacementApplier: Sendable {
    private struct State {
        var isApplying = false
        /// The newest placement not yet applied: by model index, nil where
        /// the plan does not manage the model, else the domains it is placed in here.
        var wanted: [Set<Int>?]?
        /// The (model, domain) loads that failed, by model index.
        var failed: [Set<Int>]
    }

    private let agent: Agent
    private let state: Mutex<State>

    init(agent: Agent) {
        self.agent = agent
        state = Mutex(State(failed: Array(repeating: [], count: agent.repository.models.count)))
    }

    /// Applies `plan`'s placements for `node`.
    func apply(_ plan: PublishedPlan, for node: NodeID) {
        guard let own = plan.nodes.first(where: { $0.node == node }) else { return }
        let managed = Set(plan.defaultVariants.map(\.model))
        var placed: [String: Set<Int>] = [:]
        for domain in own.domains {
            for variant in domain.variants { placed[variant.model, default: []].insert(domain.domain.index) }
        }
        let wanted = agent.repository.models.map { model in
            managed.contains(model.name) ? placed[model.name] ?? [] : nil
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
            for (index, domains) in wanted.enumerated() {
                guard let domains else { continue }
                await apply(domains, to: ModelID(index))
            }
        }
    }

    /// Loads model `id` where `planned` has it and it is not, unloads it where it is and `planned` has it not.
    private func apply(_ planned: Set<Int>, to id: ModelID) async {
        guard agent.repository.state(of: id) != .changing else { return }
        let name = agent.repository.models[id.index].name
        let loaded = Set(agent.bridge.loadedDomains(of: id).joined())
        let failed = state.withLock { state in
            state.failed[id.index].formIntersection(planned)
            return state.failed[id.index]
        }
        let toUnload = loaded.subtracting(planned)
        if !toUnload.isEmpty {
            agent.logger.info("cluster: the plan moved \(name) away from domains \(toUnload.sorted())")
            _ = await agent.unload(id, domains: toUnload.sorted())
        }
        let toLoad = planned.subtracting(loaded).subtracting(failed)
        guard !toLoad.isEmpty else { return }
        agent.logger.info("cluster: the plan places \(name) here, in domains \(toLoad.sorted())")
        _ = await agent.load(id, domains: toLoad.sorted())
        let stillMissing = toLoad.subtracting(agent.bridge.loadedDomains(of: id).joined())
        state.withLock { $0.failed[id.index].formUnion(stillMissing) }
    }

    /// The newest placement, or nil (and the applier idle) when there is none.
    private func takeWanted() -> [Set<Int>?]? {
        state.withLock { state in
            defer { state.wanted = nil }
            if state.wanted == nil { state.isApplying = false }
            return state.wanted
        }
    }
}
