import Scheduling
import Testing

/// A pinned task (``TaskRequest/pinnedVariant``) is admitted, predicted,
/// dispatched and expired on its rung alone: no signal or deadline moves it.
@Suite struct SchedulerPinnedVariantTests {
    @Test func pinnedTasksRunOnTheirRungUnderPressureThatDowngradesOthers() throws {
        var node = try SchedulerFixture()
        for _ in 0..<20 {
            try node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        }
        #expect(try node.scheduler.downgradeLevels(domain: 0).pressure == 1, "200 ms queued, past the 50 ms watermark")
        let pinnedFP32 = try node.submit(SchedulerFixture.batch, timeout: .seconds(10), pinnedVariant: 0).id
        let pinnedInt8 = try node.submit(SchedulerFixture.batch, timeout: .seconds(10), pinnedVariant: 1).id
        var variants: [TaskID: (variant: VariantID, downgrade: DowngradeReason?)] = [:]
        while let assignment = try node.next().assignment {
            variants[assignment.task] = (assignment.variant, assignment.downgrade)
            node.advance(.milliseconds(4))
            _ = node.complete(assignment.task)
        }
        #expect(variants[TaskID(1)]?.variant == 1, "unpinned batch work steps down")
        #expect(variants[TaskID(1)]?.downgrade == .pressure)
        #expect(variants[pinnedFP32]?.variant == 0)
        #expect(variants[pinnedFP32]?.downgrade == nil)
        #expect(variants[pinnedInt8]?.variant == 1)
        #expect(variants[pinnedInt8]?.downgrade == nil, "the variant it asked for is no downgrade")
    }

    @Test func pinnedTaskIsNeitherDowngradedInAHotDomainNorUpgradedInACoolOne() throws {
        var node = try SchedulerFixture()
        try node.submit(SchedulerFixture.critical, timeout: .seconds(1), pinnedVariant: 1)
        #expect(try node.next().assignment?.variant == 1)
        try node.scheduler.updateTemperature(90, domain: 0, now: node.now)
        try node.submit(SchedulerFixture.critical, timeout: .seconds(1), pinnedVariant: 0)
        let hot = try #require(try node.next().assignment)
        #expect(hot.variant == 0)
        #expect(hot.downgrade == nil)
    }

    @Test func pinnedTaskIsRefusedWhenOnlyAnotherRungWouldMakeTheDeadline() throws {
        var node = try SchedulerFixture()
        #expect(try node.submit(SchedulerFixture.standard, timeout: .milliseconds(8)).decision.domain == 0)
        let pinned = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(8), pinnedVariant: 0).decision
        #expect(pinned.outcomes.first?.refusal == .wouldMissDeadline, "fp32 takes 10 ms; int8 would fit")
    }

    @Test func queuedPinnedTaskExpiresWhenItsRungCanNoLongerMakeIt() throws {
        var node = try SchedulerFixture()
        let blocker = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        let pinned = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(25), pinnedVariant: 0).id
        let unpinned = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(25)).id
        #expect(node.scheduler.nextExpiry == Instant(nanoseconds: 15_000_001), "25 ms less fp32's 10 ms")
        node.advance(.milliseconds(16))
        #expect(node.scheduler.expire(now: node.now).map(\.task) == [pinned])
        node.scheduler.checkInvariants()
        _ = node.complete(blocker)
        let next = try #require(try node.next().assignment)
        #expect(next.task == unpinned)
        #expect(next.variant == 1)
        #expect(next.downgrade == .deadline)
    }

    @Test func pinnedTaskIsUnavailableWhenItsRungIsLoadedNowhere() throws {
        var node = try SchedulerFixture(domains: 2)
        for domain in [DomainID(0), DomainID(1)] {
            try node.scheduler.setVariant(
                model: SchedulerFixture.model, variant: 1, domain: domain, loadedWithEstimate: nil)
        }
        let int8 = try node.submit(SchedulerFixture.standard, timeout: .seconds(1), pinnedVariant: 1).decision
        #expect(int8.domain == nil)
        #expect(int8.outcomes.first?.refusal == .modelUnavailable)
        #expect(
            try node.submit(SchedulerFixture.standard, timeout: .seconds(1), pinnedVariant: 0).decision.domain != nil)
    }

    @Test func queuedPinnedTaskIsAnsweredUnavailableWhenItsRungIsUnloaded() throws {
        var node = try SchedulerFixture()
        let pinned = try node.submit(SchedulerFixture.standard, timeout: .seconds(1), pinnedVariant: 1).id
        try node.scheduler.setVariant(model: SchedulerFixture.model, variant: 1, domain: 0, loadedWithEstimate: nil)
        let decision = try node.next()
        #expect(decision.assignment == nil, "fp32 is loaded, but the task is pinned to int8")
        #expect(decision.outcomes.map(\.task) == [pinned])
        #expect(decision.outcomes.first?.refusal == .modelUnavailable)
    }
}
