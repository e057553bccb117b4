import Inference
import Placement
import Synchronization
import TestFixtures
import Testing
import Topology

/// Loading on the domain's pinned workers, running, unloading while running.
@Suite(.serialized) struct VariantLifecycleTests {
    static let catalog = ModelCatalog.load(folder: FixtureTrees.modelsFolder)

    @Test func sessionsAreCreatedOnTheirDomainsWorkers() throws {
        let topology = try MachineTopology.read()
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(smt: .thread, reserve: .none))
        let queue = BlockingWorkQueue(domainCount: plan.domains.count)
        let pool = try WorkerPool(plan: plan, source: queue)
        let runtimes = Runtimes()
        let loaded = Mutex<[(domain: Int, loader: Int32, error: String?)]>([])
        for model in Self.catalog.models {
            for variant in model.variants {
                for domain in plan.domains.indices {
                    queue.submit(
                        { worker in
                            do {
                                let instance = try runtimes.load(variant, of: model)
                                loaded.withLock { $0.append((worker.domainID, instance.loadingThreadID, nil)) }
                            } catch {
                                loaded.withLock { $0.append((worker.domainID, -1, "\(error)")) }
                            }
                        }, toDomain: domain)
                }
            }
        }
        pool.stop()
        let results = loaded.withLock { $0 }
        #expect(results.count == Self.catalog.models.reduce(0) { $0 + $1.variants.count } * plan.domains.count)
        for result in results {
            #expect(result.error == nil, "\(result.error ?? "")")
            let workers = pool.workers.filter { $0.domainID == result.domain }.map(\.threadID)
            #expect(
                workers.contains(result.loader),
                "loaded on thread \(result.loader), not a worker of domain \(result.domain)")
        }
    }

    @Test func unloadWhileRunningLetsTheRunFinishThenFreesTheVariant() throws {
        let model = try #require(Self.catalog.model(named: "synthetic-matmul"))
        var slow = model.variants[0]
        slow.serviceTime = .milliseconds(200)
        let topology = try MachineTopology.read()
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(smt: .thread, reserve: .none))
        let queue = BlockingWorkQueue(domainCount: plan.domains.count)
        let pool = try WorkerPool(plan: plan, source: queue)
        let started = StartFlag()
        weak var weakLoaded: AnyObject?
        let instance = try {
            let loaded = SignallingVariant(wrapping: try SyntheticRuntime().load(slow, of: model), started: started)
            weakLoaded = loaded
            return VariantInstance(model: model, variant: slow, domain: 0, loaded: loaded)
        }()
        let result = Mutex<Result<[Tensor], InferenceError>?>(nil)
        queue.submit(
            { _ in
                let outcome = Result { () throws(InferenceError) in try instance.run(try model.randomInputs(seed: 1)) }
                result.withLock { $0 = outcome }
            }, toDomain: 0)
        while !started.raised.load(ordering: .acquiring) {}
        instance.unload()
        #expect(!instance.isLoaded)
        #expect(throws: InferenceError.self) { try instance.run(try model.randomInputs(seed: 1)) }
        pool.stop()
        let finished = try #require(result.withLock { $0 })
        #expect((try? finished.get())?.first?.name == "checksum", "the running task finished after the unload")
        #expect(weakLoaded == nil, "once the run let go of it, the unloaded variant's memory is returned")
    }

    @Test func everyLoadRunsThenUnloadRefusesRunsAndFreesTheVariant() throws {
        let runtimes = Runtimes()
        for model in Self.catalog.models {
            for variant in model.variants {
                for round in 0..<20 {
                    weak var weakLoaded: AnyObject?
                    let instance = try {
                        let loaded = try runtimes.load(variant, of: model)
                        weakLoaded = loaded
                        return VariantInstance(model: model, variant: variant, domain: 0, loaded: loaded)
                    }()
                    let outputs = try instance.run(try model.randomInputs(seed: 2))
                    let name = "\(model.name)/\(variant.name) round \(round)"
                    #expect(outputs.map(\.name) == model.outputs.map(\.name), "\(name)")
                    instance.unload()
                    #expect(!instance.isLoaded, "\(name)")
                    #expect(throws: InferenceError.self, "\(name)") {
                        try instance.run(try model.randomInputs(seed: 2))
                    }
                    #expect(weakLoaded == nil, "\(name): the unloaded variant's session is freed")
                }
            }
        }
    }
}

/// A real loaded variant that also says when a run has begun, so the test
/// can unload while the run is inside the runtime.
private final class SignallingVariant: LoadedVariant {
    let wrapped: any LoadedVariant
    let started: StartFlag

    init(wrapping wrapped: any LoadedVariant, started: StartFlag) {
        self.wrapped = wrapped
        self.started = started
    }

    var loadingThreadID: Int32 { wrapped.loadingThreadID }
    var isSynthetic: Bool { wrapped.isSynthetic }

    func run(_ inputs: [Tensor]) throws(InferenceError) -> [Tensor] {
        started.raised.store(true, ordering: .releasing)
        return try wrapped.run(inputs)
    }
}

private final class StartFlag: Sendable {
    let raised = Atomic<Bool>(false)
}
