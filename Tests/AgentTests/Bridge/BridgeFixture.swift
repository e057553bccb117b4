import Agent
import Inference
import Placement
import Scheduling
import TestFixtures
import Topology

/// A real bridge on real pinned workers of this machine, serving the shipped
/// synthetic model (its variants multiply matrices for their service time),
/// scheduled by edgesched's ``Scheduler`` or, given a discipline, a
/// ``BaselinePolicy``.
final class BridgeFixture: Sendable {
    let bridge: InferenceBridge
    let pool: WorkerPool
    let model: ModelManifest
    let plan: ExecutionPlan

    @available(*, noasync, message: "starts worker threads")
    init(classes: [PriorityClass] = PriorityClass.defaults, baseline: BaselinePolicy.Discipline? = nil) throws {
        let catalog = ModelCatalog.load(folder: FixtureTrees.modelsFolder)
        guard let model = catalog.model(named: "synthetic-matmul") else {
            throw InferenceError(.unloaded, "models/synthetic-matmul.yaml did not load: \(catalog.problems)")
        }
        let topology = try MachineTopology.read(fromRoot: "/")
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(smt: .thread, reserve: .none))
        let configuration = SchedulerConfiguration(
            classes: classes,
            models: [
                ModelProfile(
                    name: model.name, variants: model.variants.map { VariantProfile(name: $0.name, serviceTime: [:]) })
            ],
            workersPerDomain: plan.domains.map(\.workers.count)
        )
        let scheduler: any SchedulingPolicy =
            try baseline.map { try BaselinePolicy(configuration: configuration, discipline: $0) }
            ?? Scheduler(configuration: configuration)
        let bridge = InferenceBridge(scheduler: scheduler, models: [model], domainCount: plan.domains.count)
        self.bridge = bridge
        self.model = model
        self.plan = plan
        pool = try WorkerPool(plan: plan, source: bridge)
    }

    /// Loads every variant in every domain on a worker of that domain.
    func loadEverywhere() async throws {
        for domain in plan.domains.map(\.id) {
            for (rung, variant) in model.variants.enumerated() {
                let model = self.model
                let loaded = await bridge.perform(onDomain: domain) { _ in
                    Result { () throws(InferenceError) in try SyntheticRuntime().load(variant, of: model) }
                }
                let instance = VariantInstance(model: model, variant: variant, domain: domain, loaded: try loaded.get())
                try bridge.install(instance, model: ModelID(0), rung: rung, estimate: variant.serviceTime)
            }
        }
    }

    /// A request for the synthetic model in `priorityClass`.
    func request(priorityClass: Int = 1, timeout: Duration? = nil) -> InferenceTask {
        InferenceTask(
            model: ModelID(0), priorityClass: ClassID(priorityClass), timeout: timeout,
            inputs: [Tensor(name: "input", shape: [1, 16], floats: Array(repeating: 0.5, count: 16))],
            ingress: .http)
    }

    @available(*, noasync, message: "joins the worker threads")
    func stop() {
        bridge.answerQueued()
        pool.stop()
    }
}
