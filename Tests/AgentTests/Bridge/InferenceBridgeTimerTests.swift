import Foundation
import Placement
import Testing

@testable import Agent

/// The deadline timer is woken only for tasks that may wait behind busy
/// workers: a lightly loaded agent pays no timer wake-up per request.
@Suite struct InferenceBridgeTimerTests {
    @Test func aRequestAnIdleWorkerTakesLeavesTheDeadlineTimerAsleep() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        for _ in 0..<3 {
            await everyWorkerIdle(fixture)
            #expect(await fixture.bridge.infer(fixture.request(timeout: .seconds(30))).refusalReason == nil)
        }
        #expect(await !timerWoken(fixture.bridge, within: .milliseconds(100)), "no task ever waited for a worker")
        try await offThePool { fixture.stop() }
    }

    @Test func aRequestQueuedBehindBusyWorkersWakesTheDeadlineTimer() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        let blockers = try await Blockers.occupy(fixture)
        let waiting = Task { await fixture.bridge.infer(fixture.request(timeout: .seconds(30))) }
        try await Blockers.waitUntilQueued(fixture, count: 1)
        #expect(await timerWoken(fixture.bridge, within: .seconds(10)), "the queued task's deadline needs watching")
        #expect(fixture.bridge.expireOverdue() != nil, "the timer then finds the queued task's expiry")
        blockers.release()
        #expect(await waiting.value.refusalReason == nil)
        try await offThePool { fixture.stop() }
    }

    /// Waits until every worker has come back for work: one still finishing
    /// the last job is busy, and a task submitted then rightly wakes the timer.
    private func everyWorkerIdle(_ fixture: BridgeFixture) async {
        let workers = fixture.plan.domains.map(\.workers.count)
        while fixture.bridge.load(workersPerDomain: workers).busy.contains(where: { $0 > 0 }) {
            await Task.yield()
        }
    }

    /// Whether the bridge wakes its timer within `limit` (a wake already
    /// given and not yet taken counts at once).
    private func timerWoken(_ bridge: InferenceBridge, within limit: Duration) async -> Bool {
        let wake = Task {
            var wakes = bridge.timerWakes.makeAsyncIterator()
            return await wakes.next() != nil
        }
        let timeout = Task {
            try? await Task.sleep(for: limit)
            wake.cancel()
        }
        defer { timeout.cancel() }
        return await wake.value
    }
}
