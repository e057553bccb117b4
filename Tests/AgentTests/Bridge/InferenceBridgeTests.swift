import Agent
import Foundation
import Inference
import Placement
import Scheduling
import Synchronization
import Testing

@Suite struct InferenceBridgeTests {
    @Test func everyConcurrentRequestGetsExactlyOneAnswerFromAPinnedWorker() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        let replies = await withTaskGroup(of: InferenceReply.self) { group in
            for _ in 0..<200 {
                group.addTask { await fixture.bridge.infer(fixture.request(timeout: .seconds(30))) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        try await offThePool { fixture.stop() }
        #expect(replies.count == 200)
        let answers = replies.compactMap { try? $0.get() }
        #expect(
            answers.count == 200,
            "\(replies.compactMap { if case .failure(let refusal) = $0 { refusal } else { nil } })")
        #expect(answers.allSatisfy { $0.isSynthetic && $0.outputs.map(\.name) == ["checksum"] })
        #expect(Set(answers.map(\.variant)).isSubset(of: ["full", "lite"]))
        #expect(answers.allSatisfy { fixture.plan.domains.map(\.id).contains($0.domain) })
    }

    @Test func aPinnedRequestRunsOnItsVariantWithoutADowngrade() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        var variants: [String] = []
        for rung in [1, 0, 1] {
            var request = fixture.request(timeout: .seconds(30))
            request.pinnedVariant = rung
            let answer = try await fixture.bridge.infer(request).get()
            #expect(answer.downgrade == nil)
            variants.append(answer.variant)
        }
        try await offThePool { fixture.stop() }
        #expect(variants == ["lite", "full", "lite"])
    }

    @Test func aFullQueueIsRefusedAtOnceWithItsReason() async throws {
        let classes = [PriorityClass(name: "tiny", weight: 1, maxQueue: 1, defaultTimeout: .seconds(30))]
        let fixture = try await offThePool { try BridgeFixture(classes: classes) }
        try await fixture.loadEverywhere()
        let blockers = try await Blockers.occupy(fixture)
        let first = Task { await fixture.bridge.infer(fixture.request(priorityClass: 0)) }
        try await Blockers.waitUntilQueued(fixture, count: 1)
        let refused = await fixture.bridge.infer(fixture.request(priorityClass: 0))
        #expect(refused.refusalReason == .queueFull, "\(refused)")
        blockers.release()
        #expect(await first.value.refusalReason == nil, "the queued one runs once a worker is free")
        try await offThePool { fixture.stop() }
    }

    @Test func cancellingTheCallerWithdrawsItsQueuedRequest() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        let blockers = try await Blockers.occupy(fixture)
        let waiting = Task { await fixture.bridge.infer(fixture.request(timeout: .seconds(30))) }
        try await Blockers.waitUntilQueued(fixture, count: 1)
        waiting.cancel()
        #expect(await waiting.value.refusalReason == .cancelled)
        blockers.release()
        try await offThePool { fixture.stop() }
    }

    @Test func theTimerAnswersAQueuedRequestAtItsDeadlineWhileEveryWorkerIsBusy() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        let blockers = try await Blockers.occupy(fixture)
        let waiting = Task { await fixture.bridge.infer(fixture.request(timeout: .milliseconds(30))) }
        try await Blockers.waitUntilQueued(fixture, count: 1)
        while fixture.bridge.queuedCount > 0 {
            _ = fixture.bridge.expireOverdue()
            await Task.yield()
        }
        #expect(await waiting.value.refusalReason == .deadlineExceeded)
        #expect(fixture.bridge.expireOverdue() == nil, "nothing left to expire")
        blockers.release()
        try await offThePool { fixture.stop() }
    }

    @Test func aQueuedRequestWithALongDeadlineHasAnExpiryAndIsNotExpiredEarly() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        let blockers = try await Blockers.occupy(fixture)
        let waiting = Task { await fixture.bridge.infer(fixture.request(timeout: .seconds(60))) }
        try await Blockers.waitUntilQueued(fixture, count: 1)
        let expiry = try #require(fixture.bridge.expireOverdue(), "a queued task with a deadline has an expiry")
        #expect(expiry.nanoseconds > MonotonicClock.nanoseconds(), "due in the future, not now")
        #expect(fixture.bridge.queuedCount == 1, "nothing expired before its time")
        blockers.release()
        #expect(await waiting.value.refusalReason == nil, "it runs once a worker is free")
        try await offThePool { fixture.stop() }
    }

    @Test func aDrainAnswersNewRequestsShuttingDownAndQueuedOnesWhenItEnds() async throws {
        let fixture = try await offThePool { try BridgeFixture() }
        try await fixture.loadEverywhere()
        let blockers = try await Blockers.occupy(fixture)
        let queued = Task { await fixture.bridge.infer(fixture.request(timeout: .seconds(30))) }
        try await Blockers.waitUntilQueued(fixture, count: 1)
        fixture.bridge.beginDrain()
        #expect(await fixture.bridge.infer(fixture.request()).refusalReason == .shuttingDown)
        #expect(!fixture.bridge.isIdle)
        fixture.bridge.answerQueued()
        #expect(await queued.value.refusalReason == .shuttingDown)
        blockers.release()
        try await offThePool { fixture.stop() }
        #expect(fixture.bridge.isIdle)
    }
}

extension Result where Success == InferenceAnswer, Failure == InferenceRefusal {
    /// The refusal's reason; nil for an answer.
    var refusalReason: RefusalReason? {
        if case .failure(let refusal) = self { refusal.reason } else { nil }
    }
}

/// Control jobs that hold every worker of the plan until released, so that
/// a request submitted meanwhile stays queued: no timing involved.
final class Blockers: Sendable {
    private let gate = ConditionLock((held: 0, released: false))

    static func occupy(_ fixture: BridgeFixture) async throws -> Blockers {
        let blockers = Blockers()
        let workers = fixture.plan.domains.map { ($0.id, $0.workers.count) }
        for (domain, count) in workers {
            for _ in 0..<count {
                Task { await fixture.bridge.perform(onDomain: domain) { _ in blockers.hold() } }
            }
        }
        let total = workers.reduce(0) { $0 + $1.1 }
        try await offThePool { blockers.gate.wait(until: { $0.held == total }) { _ in } }
        return blockers
    }

    /// Waits until the scheduler has `count` tasks queued.
    static func waitUntilQueued(_ fixture: BridgeFixture, count: Int) async throws {
        while fixture.bridge.queuedCount < count {
            await Task.yield()
        }
    }

    func release() {
        gate.withLock(wake: .all) { $0.released = true }
    }

    @available(*, noasync)
    private func hold() {
        gate.withLock(wake: .all) { $0.held += 1 }
        gate.wait(until: { $0.released }) { _ in }
    }
}

/// Runs blocking `work` (starting or joining worker threads, waiting on a
/// lock) on a thread of its own, off the cooperative pool.
func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
