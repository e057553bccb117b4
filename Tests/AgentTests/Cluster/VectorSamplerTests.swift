import Cluster
import Inference
import Placement
import Scheduling
import Testing

@testable import Agent

/// The demand and capacity vectors an agent reports, from a real bridge on
/// real pinned workers serving the synthetic model.
@Suite struct VectorSamplerTests {
    @Test func ratesCountOneIntervalAndCapacityNamesWhatIsLoaded() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        let workers = fixture.plan.domains.map(\.workers.count)
        var sampler = VectorSampler(
            models: [fixture.model], classes: PriorityClass.defaults, workersPerDomain: workers,
            start: fixture.bridge.clusterSnapshot())
        for _ in 0..<20 {
            _ = await fixture.bridge.infer(fixture.request(priorityClass: 1, timeout: .seconds(30)))
        }
        _ = await fixture.bridge.infer(fixture.request(priorityClass: 0, timeout: .nanoseconds(1)))
        fixture.bridge.record(workers.indices.map { DomainReading(domain: $0, celsius: 41.5, freeMebibytes: 2) })
        let first = fixture.bridge.clusterSnapshot()
        let (demand, capacity) = sampler.vectors(at: first)
        let (quiet, _) = sampler.vectors(at: fixture.bridge.clusterSnapshot())
        try await offThePool { fixture.stop() }

        let model = try #require(demand.models.first)
        #expect(model.model == "synthetic-matmul")
        #expect(model.classes.map(\.className) == ["critical", "standard", "batch"])
        let standard = model.classes[1]
        #expect(standard.arrivalsPerSecond > 0 && standard.arrivalsPerSecond.isFinite)
        #expect(abs(standard.onTimePerSecond - standard.arrivalsPerSecond) < 1e-9, "every standard one on time")
        #expect(model.classes[0].refusedPerSecond > 0, "the critical one was refused at its arrival")
        #expect(model.classes[0].refusedPerSecond == model.classes[0].arrivalsPerSecond)
        #expect(model.queueDepth == 0)
        #expect(model.variants.map(\.variant) == fixture.model.variants.map(\.name))
        #expect(model.variants.allSatisfy { $0.serviceMilliseconds > 0 })
        #expect(model.variantInUse == fixture.model.variants[1].name, "2 MiB free steps the domains down a rung")
        #expect(quiet.models[0].classes.allSatisfy { $0.arrivalsPerSecond == 0 }, "the next interval saw nothing")

        #expect(capacity.domains.map(\.domain) == fixture.plan.domains.map { DomainID($0.id) })
        for domain in capacity.domains {
            #expect(domain.workers == workers[domain.domain.index])
            #expect((0...1).contains(domain.utilisation))
            #expect(domain.temperatureCelsius == 41.5)
            #expect(domain.freeMemoryBytes == 2 * 1_048_576)
            #expect(domain.loadedVariants.map(\.variant) == fixture.model.variants.map(\.name))
            #expect(domain.spare.map(\.model) == ["synthetic-matmul"])
            #expect(domain.spare.allSatisfy { $0.requestsPerSecond > 0 && $0.requestsPerSecond.isFinite })
        }
    }
}
