import Scheduling
import Testing

/// The `queue-timeout` baseline: Triton's priority levels with a queue
/// policy (max queue size, `REJECT` on timeout), and nothing else.
@Suite struct BaselinePolicyQueueTimeoutTests {
    static let critical = ClassID(0)
    static let standard = ClassID(1)
    static let batch = ClassID(2)

    /// The fixture's node (fp32 10 ms, int8 4 ms, one domain of one worker).
    static func policy(classes: [PriorityClass] = PriorityClass.defaults, domains: Int = 1) throws -> BaselinePolicy {
        try BaselinePolicy(
            configuration: SchedulerFixture.configuration(domains: domains, classes: classes),
            discipline: .queueTimeout)
    }

    static func request(_ id: UInt64, _ priorityClass: ClassID, timeout: Duration? = nil) -> TaskRequest {
        TaskRequest(id: TaskID(id), model: ModelID(0), priorityClass: priorityClass, timeout: timeout)
    }

    /// The instant `time` after the start.
    static func at(_ time: Duration) -> Instant { .zero + time }

    static func refusal(_ decision: SubmitDecision) -> RefusalReason? {
        guard decision.domain == nil, case .refused(let reason) = decision.outcomes.first?.result else { return nil }
        return reason
    }

    @Test func refusesQueueFullPastTheClassMaximumAndOnlyForThatClass() throws {
        var classes = PriorityClass.defaults
        classes[1].maxQueue = 2
        var policy = try Self.policy(classes: classes)
        #expect(try policy.submit(Self.request(1, Self.standard), now: .zero).domain == DomainID(0))
        #expect(try policy.submit(Self.request(2, Self.standard), now: .zero).domain == DomainID(0))
        #expect(Self.refusal(try policy.submit(Self.request(3, Self.standard), now: .zero)) == .queueFull)
        #expect(try policy.submit(Self.request(4, Self.batch), now: .zero).domain == DomainID(0))
        #expect(policy.queuedCount == 3)
        _ = try policy.next(domain: 0, now: .zero)
        #expect(try policy.submit(Self.request(5, Self.standard), now: .zero).domain == DomainID(0))
    }

    @Test func answersDeadlineExceededAtDispatchOnceTheQueueWaitPassesTheTimeout() throws {
        var policy = try Self.policy()
        _ = try policy.submit(Self.request(1, Self.standard), now: .zero)
        _ = try policy.submit(Self.request(2, Self.standard), now: Self.at(.milliseconds(150)))
        let decision = try policy.next(domain: 0, now: Self.at(.milliseconds(201)))
        #expect(decision.outcomes.map(\.task) == [TaskID(1)])
        #expect(decision.outcomes.first?.result == .refused(.deadlineExceeded))
        #expect(decision.assignment?.task == TaskID(2))
        #expect(policy.statistics.total.refusals[.deadlineExceeded] == 1)
    }

    @Test func aTaskAtExactlyItsTimeoutStillRuns() throws {
        var policy = try Self.policy()
        _ = try policy.submit(Self.request(1, Self.critical), now: .zero)
        let decision = try policy.next(domain: 0, now: Self.at(.milliseconds(50)))
        #expect(decision.outcomes.isEmpty)
        #expect(decision.assignment?.task == TaskID(1))
    }

    @Test func theExpirySweepAnswersTimedOutHeadsWhileEveryWorkerIsBusy() throws {
        var policy = try Self.policy()
        _ = try policy.submit(Self.request(1, Self.batch), now: .zero)
        _ = try policy.next(domain: 0, now: .zero)
        _ = try policy.submit(Self.request(2, Self.critical), now: Self.at(.milliseconds(1)))
        _ = try policy.submit(
            Self.request(3, Self.standard, timeout: .milliseconds(30)), now: Self.at(.milliseconds(2)))
        #expect(policy.nextExpiry == Instant.zero + .milliseconds(32) + .nanoseconds(1))
        #expect(policy.expire(now: Self.at(.milliseconds(32))).isEmpty)
        let expired = policy.expire(now: Instant.zero + .milliseconds(32) + .nanoseconds(1))
        #expect(expired.map(\.task) == [TaskID(3)])
        #expect(expired.allSatisfy { $0.result == .refused(.deadlineExceeded) })
        #expect(policy.nextExpiry == Instant.zero + .milliseconds(51) + .nanoseconds(1))
        #expect(policy.expire(now: Self.at(.seconds(1))).map(\.task) == [TaskID(2)])
        #expect(policy.nextExpiry == nil)
        #expect(policy.queuedCount == 0)
    }

    @Test func runsATaskThatStartedToTheEndEvenWhenItFinishesLate() throws {
        var policy = try Self.policy()
        _ = try policy.submit(Self.request(1, Self.critical), now: .zero)
        let assignment = try #require(try policy.next(domain: 0, now: Self.at(.milliseconds(49))).assignment)
        #expect(assignment.variant == VariantID(0))
        #expect(assignment.downgrade == nil)
        #expect(policy.expire(now: Self.at(.seconds(1))).isEmpty)
        let outcome = policy.complete(assignment.task, now: Self.at(.milliseconds(59)), succeeded: true)
        #expect(outcome.result == .completed(variant: VariantID(0), downgrade: nil))
        #expect(!outcome.metDeadline)
        #expect(policy.statistics.total.lateWorkerTime == .milliseconds(10))
    }

    @Test func servesTheClassesStrictlyInConfigurationOrderAndFirstComeFirstServedWithin() throws {
        // The list is the priority levels: weight and strictness say nothing here.
        let classes = [
            PriorityClass(name: "first", weight: 1, defaultTimeout: nil),
            PriorityClass(name: "second", weight: 9, strict: true, defaultTimeout: nil),
        ]
        var policy = try Self.policy(classes: classes)
        let arrivals: [(UInt64, ClassID)] = [(1, ClassID(1)), (2, ClassID(0)), (3, ClassID(1)), (4, ClassID(0))]
        for (id, priorityClass) in arrivals {
            _ = try policy.submit(Self.request(id, priorityClass), now: .zero)
        }
        var order: [TaskID] = []
        while let assignment = try policy.next(domain: 0, now: .zero).assignment {
            order.append(assignment.task)
            _ = policy.complete(assignment.task, now: .zero, succeeded: true)
        }
        #expect(order == [TaskID(2), TaskID(4), TaskID(1), TaskID(3)])
    }

    @Test func ignoresTheDowngradeSignalsAndNeverPredicts() throws {
        var policy = try Self.policy()
        try policy.updateTemperature(120, domain: 0, now: .zero)
        try policy.updateFreeMemory(mebibytes: 0, domain: 0, now: .zero)
        #expect(try policy.downgradeLevels(domain: 0) == (0, 0, 0))
        // A single worker and 200 critical tasks of 10 ms each: all admitted.
        for id in 1...200 {
            #expect(try policy.submit(Self.request(UInt64(id), Self.critical), now: .zero).domain == DomainID(0))
        }
        let assignment = try #require(try policy.next(domain: 0, now: .zero).assignment)
        #expect(assignment.variant == VariantID(0))
    }

    @Test func leavesATaskToTheDomainsThatLoadItsModelAndRefusesItWhenNoneDoes() throws {
        var policy = try Self.policy(domains: 2)
        for rung in 0..<2 {
            try policy.setVariant(model: ModelID(0), variant: VariantID(rung), domain: 0, loadedWithEstimate: nil)
        }
        let decision = try policy.submit(Self.request(1, Self.standard), now: .zero)
        #expect(decision.domain == DomainID(1))
        #expect(try policy.queuedCount(domain: 1) == 1)
        let elsewhere = try policy.next(domain: 0, now: .zero)
        #expect(elsewhere.assignment == nil && elsewhere.outcomes.isEmpty)
        for rung in 0..<2 {
            try policy.setVariant(model: ModelID(0), variant: VariantID(rung), domain: 1, loadedWithEstimate: nil)
        }
        let unloaded = try policy.next(domain: 0, now: .zero)
        #expect(unloaded.outcomes.map(\.result) == [.refused(.modelUnavailable)])
        #expect(Self.refusal(try policy.submit(Self.request(2, Self.standard), now: .zero)) == .modelUnavailable)
        #expect(try policy.queuedCount(domain: 1) == 0)
    }

    @Test func theOtherBaselinesHaveNoQueueLimitNorTimeout() throws {
        var classes = PriorityClass.defaults
        classes[0].maxQueue = 1
        for discipline in [BaselinePolicy.Discipline.fifo, .priority] {
            var policy = try BaselinePolicy(
                configuration: SchedulerFixture.configuration(classes: classes), discipline: discipline)
            _ = try policy.submit(Self.request(1, Self.critical), now: .zero)
            #expect(try policy.submit(Self.request(2, Self.critical), now: .zero).domain == DomainID(0))
            #expect(policy.nextExpiry == nil)
            #expect(policy.expire(now: Self.at(.seconds(10))).isEmpty)
            #expect(try policy.next(domain: 0, now: Self.at(.seconds(10))).assignment?.task == TaskID(1))
        }
    }
}
