import Inference
import Logging
import Placement
public import Scheduling

extension Agent {
    /// Loads every variant of model `id` in `domains` (nil: each domain its
    /// placement hints name), each session created on a worker of that
    /// domain, and makes them servable; the model is `ready` when at least
    /// one variant loaded. Failures are logged once per distinct reason.
    public func load(_ id: ModelID, domains: [Int]? = nil) async -> ModelRepository.State {
        guard repository.beginChange(of: id) else { return .changing }
        let model = repository.models[id.index]
        let loadedBefore = bridge.loadedDomains(of: id)
        let targets =
            domains.map { wanted in plan.domains.map(\.id).filter(wanted.contains) } ?? servingDomains(of: model)
        var loaded: [String] = []
        var failures: [String] = []
        for (rung, variant) in model.variants.enumerated() {
            for domain in targets where !loadedBefore[rung].contains(domain) {
                switch await loadVariant(rung, of: model, id: id, inDomain: domain) {
                case .success(let note): loaded.append("\(variant.name)@\(domain)" + (note.map { " (\($0))" } ?? ""))
                case .failure(let error):
                    if !failures.contains(error.message) { failures.append(error.message) }
                }
            }
        }
        for failure in failures {
            logger.warning("models: \(model.name): \(failure)")
        }
        let anyLoaded = bridge.loadedDomains(of: id).contains { !$0.isEmpty }
        let state: ModelRepository.State =
            anyLoaded ? .ready : .unavailable(failures.first ?? "no execution domain serves it")
        repository.setState(state, of: id)
        logger.info(
            "models: \(model.name) \(anyLoaded ? "ready" : "unavailable") (loaded \(loaded.joined(separator: ", ")))")
        return state
    }

    /// Takes every variant of model `id` in `domains` (nil: all) out of the
    /// scheduler, then unloads it there: queued requests that no variant can
    /// serve any more are answered `model_unavailable`, running ones finish
    /// first. The model stays `ready` while a variant is loaded elsewhere.
    public func unload(_ id: ModelID, domains: [Int]? = nil) async -> ModelRepository.State {
        guard repository.beginChange(of: id) else { return .changing }
        let model = repository.models[id.index]
        let targets = domains ?? plan.domains.map(\.id)
        for rung in model.variants.indices {
            for domain in targets {
                bridge.uninstall(model: id, rung: rung, domain: domain)?.unload()
                metrics.setLoaded(false, model: id, variant: rung, domain: domain)
            }
        }
        let state: ModelRepository.State =
            bridge.loadedDomains(of: id).contains { !$0.isEmpty } ? .ready : .unloaded
        repository.setState(state, of: id)
        logger.info("models: \(model.name) unloaded\(domains.map { " from domains \($0)" } ?? "")")
        return state
    }

    /// The domains a model's manifest asks for: all, or the first N.
    private func servingDomains(of model: ModelManifest) -> [Int] {
        let all = plan.domains.map(\.id)
        switch model.placement.domains {
        case .all: return all
        case .count(let count): return Array(all.prefix(count))
        }
    }

    /// Loads rung `rung` of `model` on a worker of `domain` and installs it;
    /// succeeds with the runtime's note on the load.
    private func loadVariant(_ rung: Int, of model: ModelManifest, id: ModelID, inDomain domain: Int) async
        -> Result<String?, InferenceError>
    {
        let variant = model.variants[rung]
        let runtimes = self.runtimes
        let confinement = self.confinement
        let result = await bridge.perform(onDomain: domain) { worker in
            Result { () throws(InferenceError) in
                try confinement.adoptThreads(startedBy: worker) { () throws(InferenceError) in
                    try runtimes.load(variant, of: model)
                }
            }
        }
        return result.flatMap { loaded in
            let instance = VariantInstance(model: model, variant: variant, domain: domain, loaded: loaded)
            do {
                // The scheduler's estimates are positive: a no-op variant (service_ms 0)
                // starts at 1 µs and is learned from its runs like any other.
                try bridge.install(
                    instance, model: id, rung: rung, estimate: max(variant.serviceTime, .microseconds(1)))
            } catch {
                instance.unload()
                return .failure(InferenceError(.loadFailed, "\(model.name)/\(variant.name): \(error)"))
            }
            metrics.setLoaded(true, model: id, variant: rung, domain: domain)
            return .success(loaded.loadNote)
        }
    }
}
