import Scheduling
import Testing

@Suite struct SchedulerAdmissionTests {
    @Test func rejectsWhenTheClassQueueIsFull() throws {
        var classes = PriorityClass.defaults
        classes[1].maxQueue = 2
        var node = try SchedulerFixture(classes: classes)
        try node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        try node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        let third = try node.submit(SchedulerFixture.standard, timeout: .seconds(10)).decision
        #expect(third.domain == nil)
        #expect(third.outcomes.first?.refusal == .queueFull)
        #expect(
            try node.submit(SchedulerFixture.batch, timeout: .seconds(10)).decision.domain == 0,
            "other classes are not full")
    }

    @Test func rejectsWhenPredictedFinishPassesDeadline() throws {
        var node = try SchedulerFixture()
        for _ in 0..<5 {
            try node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        }
        let tight = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(30)).decision
        #expect(tight.outcomes.first?.refusal == .wouldMissDeadline)
        let loose = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(80)).decision
        #expect(loose.domain == 0, "5 tasks ahead at 10 ms, then itself on int8 at 4 ms, fits in 80 ms")
    }

    /// Twenty critical tasks a second (10 ms each) leave the worker 0.8 of
    /// its time, so 80 ms of standard work queued is a 100 ms wait and a
    /// 110 ms completion on average. But the critical tasks arrive at random:
    /// over 100 ms their work varies by √(20/s × 0.1 s × 1.1) × 10 ms ≈
    /// 14.8 ms (the 1.1 for the error of the one-second rate), 18.5 ms of
    /// wait on 0.8 of a worker; two deviations past the mean are 147 ms.
    @Test func leavesRoomForTheStrictWorkThatMayArriveWhileATaskWaits() throws {
        var node = try SchedulerFixture()
        for _ in 0..<20 {
            let critical = try node.submit(SchedulerFixture.critical).id
            _ = try node.next()
            node.advance(.milliseconds(10))
            _ = node.complete(critical)
            node.advance(.milliseconds(40))
        }
        for _ in 0..<8 {
            try node.submit(SchedulerFixture.standard, timeout: .seconds(10), allowDowngrade: false)
        }
        let onAverage = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(130), allowDowngrade: false)
        #expect(onAverage.decision.outcomes.first?.refusal == .wouldMissDeadline, "on time only on average")
        let withRoom = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(150), allowDowngrade: false)
        #expect(withRoom.decision.domain == 0, "147 ms with two deviations of the wait")
    }

    /// A machine that slows down under the scheduler: each task's run takes
    /// its 10 ms estimate, but the worker comes for it 10 ms late, so the
    /// ten admitted with 15 ms deadlines all end late. Later predictions are
    /// stretched (10 late: 1.5×), and a 10 ms task with a 14 ms deadline,
    /// which an idle worker would finish in time on the estimates alone,
    /// is refused at once.
    @Test func tasksThatEndLateStretchLaterPredictions() throws {
        var node = try SchedulerFixture()
        var control = try SchedulerFixture()
        for _ in 0..<10 {
            let late = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(15), allowDowngrade: false)
            #expect(late.decision.domain == 0, "admitted on the estimates")
            node.advance(.milliseconds(10))
            if try node.next().assignment != nil {
                node.advance(.milliseconds(10))
                _ = node.complete(late.id)
            }
        }
        let stretched = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(14), allowDowngrade: false)
        #expect(stretched.decision.outcomes.first?.refusal == .wouldMissDeadline)
        let fresh = try control.submit(SchedulerFixture.standard, timeout: .milliseconds(14), allowDowngrade: false)
        #expect(fresh.decision.domain == 0, "without the late ones it is admitted")
    }

    /// Five 10 ms tasks queue; the first takes 30 ms, which moves fp32's
    /// estimate to 12 ms and its variance to 36 ms² (weight 0.1). The four
    /// still queued are charged at that now, not at the 10 ms they were
    /// admitted on: a wait of 48 ms with a deviation of 12 ms, then 12 + 2 × 6
    /// ms of its own, 96 ms in all (64 ms on the charges of admission).
    @Test func queuedWorkIsRevaluedWhenItsVariantsEstimateMoves() throws {
        var node = try SchedulerFixture()
        let first = try node.submit(SchedulerFixture.standard, timeout: .seconds(10), allowDowngrade: false).id
        for _ in 0..<4 {
            try node.submit(SchedulerFixture.standard, timeout: .seconds(10), allowDowngrade: false)
        }
        #expect(try node.next().assignment?.task == first)
        node.advance(.milliseconds(30))
        _ = node.complete(first)
        let tight = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(90), allowDowngrade: false)
        #expect(tight.decision.outcomes.first?.refusal == .wouldMissDeadline, "96 ms on the moved estimate")
        let loose = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(100), allowDowngrade: false)
        #expect(loose.decision.domain == 0)
    }

    @Test func strictTaskIsNotDelayedByWeightedWorkInPredictions() throws {
        var node = try SchedulerFixture()
        for _ in 0..<50 {
            try node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        }
        #expect(try node.submit(SchedulerFixture.critical, timeout: .milliseconds(30)).decision.domain == 0)
    }

    @Test func modelWithoutAnAcceptableLoadedVariantIsUnavailable() throws {
        let ladder = [
            VariantProfile(name: "fp32", serviceTime: [0: .milliseconds(10)]),
            VariantProfile(name: "int8", serviceTime: [1: .milliseconds(4)]),
        ]
        var node = try SchedulerFixture(domains: 2, variants: ladder)
        let strictFP32 = try node.submit(
            SchedulerFixture.standard, timeout: .seconds(1), allowDowngrade: false, domains: [1]
        ).decision
        #expect(strictFP32.outcomes.first?.refusal == .modelUnavailable)
        #expect(try node.submit(SchedulerFixture.standard, timeout: .seconds(1), domains: [1]).decision.domain == 1)
    }

    @Test func taskWithoutDeadlineIsNeverRefusedForTime() throws {
        let classes = [PriorityClass(name: "open", weight: 1, maxQueue: 10_000, defaultTimeout: nil)]
        var node = try SchedulerFixture(classes: classes)
        for _ in 0..<1000 {
            #expect(try node.submit(ClassID(0)).decision.domain == 0)
        }
    }

    @Test(
        "a request naming a class, model, variant or domain that does not exist is refused naming it",
        arguments: [
            (TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(3)), "class 3 does not exist"),
            (TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(-1)), "class -1 does not exist"),
            (TaskRequest(id: TaskID(1), model: ModelID(2), priorityClass: ClassID(0)), "model 2 does not exist"),
            (
                TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(0), lowestVariant: -1),
                "variant -1 does not exist"
            ),
            (
                TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(0), lowestVariant: 2),
                "variant 2 does not exist"
            ),
            (
                TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(0), pinnedVariant: 2),
                "pinned variant 2 does not exist; model 0 (m) has variants 0-1"
            ),
            (
                TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(0), pinnedVariant: -1),
                "pinned variant -1 does not exist"
            ),
            (
                TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(0), domains: [0, 5]),
                "domain 5 does not exist"
            ),
        ]
    )
    func requestsNamingWhatDoesNotExistAreRefused(request: TaskRequest, message: String) throws {
        var node = try SchedulerFixture()
        #expect {
            _ = try node.scheduler.submit(request, now: node.now)
        } throws: { error in
            "\(error)".hasPrefix("task 1: \(message)")
        }
        node.scheduler.checkInvariants()
        #expect(node.scheduler.statistics.total.offered == 0, "nothing was submitted")
        #expect(
            try node.scheduler.submit(
                TaskRequest(id: TaskID(1), model: ModelID(0), priorityClass: ClassID(0)), now: node.now
            ).domain == 0, "the id is free")
    }

    @Test(
        "calls naming a domain or variant that does not exist throw naming it",
        arguments: ["next", "temperature", "memory", "short of memory", "levels", "breaker", "estimate", "load"]
    )
    func callsNamingWhatDoesNotExistThrow(call: String) throws {
        var node = try SchedulerFixture()
        let now = node.now
        #expect {
            switch call {
            case "next": _ = try node.scheduler.next(domain: 1, now: now)
            case "temperature": try node.scheduler.updateTemperature(80, domain: 1, now: now)
            case "memory": try node.scheduler.updateFreeMemory(mebibytes: 100, domain: 1, now: now)
            case "short of memory": _ = try node.scheduler.isShortOfMemory(domain: -1)
            case "levels": _ = try node.scheduler.downgradeLevels(domain: 7)
            case "breaker": _ = try node.scheduler.isBreakerOpen(model: ModelID(0), variant: 2, domain: 0)
            case "estimate": _ = try node.scheduler.estimatedServiceTime(model: ModelID(1), variant: 0, domain: 0)
            default:
                try node.scheduler.setVariant(
                    model: ModelID(0), variant: 0, domain: 0, loadedWithEstimate: .seconds(Int64.max))
            }
        } throws: { error in
            let text = "\(error)"
            return text.contains("domain 1 does not exist") || text.contains("domain -1 does not exist")
                || text.contains("domain 7 does not exist") || text.contains("variant 2 does not exist")
                || text.contains("model 1 does not exist") || text.contains("longer than 1 day")
        }
    }

    @Test func cancelAnswersAQueuedTaskOnceAndLeavesRunningOnesAlone() throws {
        var node = try SchedulerFixture()
        let running = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        let queued = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        #expect(node.scheduler.cancel(running, now: node.now) == nil)
        #expect(node.scheduler.cancel(queued, now: node.now)?.refusal == .cancelled)
        #expect(node.scheduler.cancel(queued, now: node.now) == nil, "answered once")
        node.scheduler.checkInvariants()
    }

    @Test func statisticsCountEveryStep() throws {
        var node = try SchedulerFixture()
        let task = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        try node.submit(SchedulerFixture.standard, timeout: .nanoseconds(1))
        _ = try node.next()
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

    @Test func demandCountsSplitRefusedAtArrivalFromShedAfterQueueing() throws {
        var node = try SchedulerFixture()
        let onTime = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        try node.submit(SchedulerFixture.standard, timeout: .nanoseconds(1))
        try node.submit(SchedulerFixture.standard, timeout: .milliseconds(40))
        node.advance(.milliseconds(50))
        _ = node.scheduler.expire(now: node.now)
        _ = node.complete(onTime)
        let counts = node.scheduler.statistics.demand[SchedulerFixture.model.index][SchedulerFixture.standard.index]
        #expect(counts.offered == 3)
        #expect(counts.answered == 3)
        #expect(counts.onTime == 1)
        #expect(counts.refused == 1, "would_miss_deadline at its arrival")
        #expect(counts.shed == 1, "deadline_exceeded after it waited")
        #expect(node.scheduler.statistics.domainWorkerTime == [.milliseconds(50)])
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
