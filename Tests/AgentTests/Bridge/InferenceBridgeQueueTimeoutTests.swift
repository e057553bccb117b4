import Agent
import Scheduling
import Testing

/// The bridge on real pinned workers under the `queue-timeout` baseline, as
/// `scheduling: {policy: queue-timeout}` runs it.
@Suite struct InferenceBridgeQueueTimeoutTests {
    @Test func everyRequestIsAnsweredOnItsPreferredVariantWithoutADowngrade() async throws {
        let fixture = try await offThePool { try BridgeFixture(baseline: .queueTimeout) }
        try await fixture.loadEverywhere()
        let replies = await withTaskGroup(of: InferenceReply.self) { group in
            for _ in 0..<100 {
                group.addTask { await fixture.bridge.infer(fixture.request(timeout: .seconds(30))) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        try await offThePool { fixture.stop() }
        let answers = replies.compactMap { try? $0.get() }
        #expect(answers.count == 100, "\(replies.compactMap(\.refusalReason))")
        #expect(answers.allSatisfy { $0.variant == "full" && $0.downgrade == nil })
    }

    @Test func theTimerAnswersDeadlineExceededPastTheQueueTimeoutAndAFullClassRefusesAtOnce() async throws {
        let classes = [PriorityClass(name: "tiny", weight: 1, maxQueue: 1, defaultTimeout: .milliseconds(30))]
        let fixture = try await offThePool { try BridgeFixture(classes: classes, baseline: .queueTimeout) }
        try await fixture.loadEverywhere()
        let blockers = try await Blockers.occupy(fixture)
        let waiting = Task { await fixture.bridge.infer(fixture.request(priorityClass: 0)) }
        try await Blockers.waitUntilQueued(fixture, count: 1)
        #expect(await fixture.bridge.infer(fixture.request(priorityClass: 0)).refusalReason == .queueFull)
        while fixture.bridge.queuedCount > 0 {
            _ = fixture.bridge.expireOverdue()
            await Task.yield()
        }
        #expect(await waiting.value.refusalReason == .deadlineExceeded)
        #expect(fixture.bridge.expireOverdue() == nil, "nothing left to expire")
        blockers.release()
        try await offThePool { fixture.stop() }
    }
}
