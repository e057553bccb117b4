import Scheduling
import Testing

@Suite struct SchedulerAdmissionTests {
    @Test func rejectsWhenTheClassQueueIsFull() throws {
        var classes = PriorityClass.defaults
        classes[1].maxQueue = 2
        var node = try SchedulerFixture(classes: classes)
        node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        let third = node.submit(SchedulerFixture.standard, timeout: .seconds(10)).decision
        #expect(third.domain == nil)
        #expect(third.outcomes.first?.refusal == .queueFull)
        #expect(
            node.submit(SchedulerFixture.batch, timeout: .seconds(10)).decision.domain == 0,
            "other classes are not full")
    }

    @Test func rejectsWhenPredictedFinishPassesDeadline() throws {
        var node = try SchedulerFixture()
        for _ in 0..<5 {
            node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        }
        let tight = node.submit(SchedulerFixture.standard, timeout: .milliseconds(30)).decision
        #expect(tight.outcomes.first?.refusal == .wouldMissDeadline)
        let loose = node.submit(SchedulerFixture.standard, timeout: .milliseconds(80)).decision
        #expect(loose.domain == 0, "5 tasks ahead at 10 ms, then itself on int8 at 4 ms, fits in 80 ms")
    }

    @Test func strictTaskIsNotDelayedByWeightedWorkInPredictions() throws {
        var node = try SchedulerFixture()
        for _ in 0..<50 {
            node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        }
        #expect(node.submit(SchedulerFixture.critical, timeout: .milliseconds(30)).decision.domain == 0)
    }

    @Test func modelWithoutAnAcceptableLoadedVariantIsUnavailable() throws {
        let ladder = [
            VariantProfile(name: "fp32", serviceTime: [0: .milliseconds(10)]),
            VariantProfile(name: "int8", serviceTime: [1: .milliseconds(4)]),
        ]
        var node = try SchedulerFixture(domains: 2, variants: ladder)
        let strictFP32 = node.submit(
            SchedulerFixture.standard, timeout: .seconds(1), allowDowngrade: false, domains: [1]
        ).decision
        #expect(strictFP32.outcomes.first?.refusal == .modelUnavailable)
        #expect(node.submit(SchedulerFixture.standard, timeout: .seconds(1), domains: [1]).decision.domain == 1)
    }

    @Test func taskWithoutDeadlineIsNeverRefusedForTime() throws {
        let classes = [PriorityClass(name: "open", weight: 1, maxQueue: 10_000, defaultTimeout: nil)]
        var node = try SchedulerFixture(classes: classes)
        for _ in 0..<1000 {
            #expect(node.submit(ClassID(0)).decision.domain == 0)
        }
    }

    @Test func cancelAnswersAQueuedTaskOnceAndLeavesRunningOnesAlone() throws {
        var node = try SchedulerFixture()
        let running = node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        let queued = node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = node.next()
        #expect(node.scheduler.cancel(running, now: node.now) == nil)
        #expect(node.scheduler.cancel(queued, now: node.now)?.refusal == .cancelled)
        #expect(node.scheduler.cancel(queued, now: node.now) == nil, "answered once")
        node.scheduler.checkInvariants()
    }

    @Test func statisticsCountEveryStep() throws {
        var node = try SchedulerFixture()
        let task = node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        node.submit(SchedulerFixture.standard, timeout: .nanoseconds(1))
        _ = node.next()
        node.advance(.milliseconds(10))
        _ = node.complete(task)
        let standard = node.scheduler.statistics.classes[SchedulerFixture.standard.index]
        #expect(standard.offered == 2)
        #expect(standard.admitted == 1)
        #expect(standard.completed == 1)
        #expect(standard.metDeadline == 1)
        #expect(standard.refusals == [.wouldMissDeadline: 1])
        #expect(standard.serviceTime.count == 1)
        #expect(standard.workerTime == .milliseconds(10))
        #expect(node.scheduler.statistics.models[0].offered == 2)
    }

    @Test func configurationProblemsAreAllReported() {
        let configuration = SchedulerConfiguration(
            classes: [
                PriorityClass(name: "a", weight: 0, maxQueue: 0, defaultTimeout: .zero),
                PriorityClass(name: "a", defaultTimeout: nil),
            ],
            models: [
                ModelProfile(name: "m", variants: [VariantProfile(name: "v", serviceTime: [3: .milliseconds(1)])])
            ],
            workersPerDomain: [0]
        )
        #expect {
            try configuration.validate()
        } throws: { error in
            let text = "\(error)"
            return text.contains("classes[0] (a): weight 0 is below 1")
                && text.contains("classes[1] (a): name is used twice")
                && text.contains("maxQueue 0") && text.contains("defaultTimeout 0.0 seconds is not positive")
                && text.contains("domains[0]: 0 workers")
                && text.contains("variant \"v\" is loaded in domain 3, which does not exist")
        }
    }
}
