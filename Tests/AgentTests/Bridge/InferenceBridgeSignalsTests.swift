import Agent
import Placement
import Scheduling
import Testing

/// The sensors' readings through the bridge into the scheduler's thermal and
/// memory levels, as the agent's sensor poll feeds them and exports them.
@Suite struct InferenceBridgeSignalsTests {
    @Test func aHotShortReadingStepsEveryDomainDownByThermalAndMemoryAndTheBaselineIgnoresIt() async throws {
        for baseline in [nil, BaselinePolicy.Discipline.queueTimeout] {
            let fixture = try await offThePool { try BridgeFixture(baseline: baseline) }
            let domains = fixture.plan.domains.count
            #expect(
                fixture.bridge.downgradeLevels(domainCount: domains) == Array(repeating: [0, 0, 0], count: domains))
            fixture.bridge.record(
                (0..<domains).map { DomainReading(domain: $0, celsius: 95, freeMebibytes: 100) })
            let hot = fixture.bridge.downgradeLevels(domainCount: domains)
            try await offThePool { fixture.stop() }
            let expected = baseline == nil ? [0, 1, 1] : [0, 0, 0]
            #expect(hot == Array(repeating: expected, count: domains), "\(String(describing: baseline))")
        }
    }
}
