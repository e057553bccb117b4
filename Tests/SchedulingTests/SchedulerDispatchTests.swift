import Scheduling
import Testing

@Suite struct SchedulerDispatchTests {
    @Test func strictClassIsServedBeforeWeightedOnes() throws {
        var node = try SchedulerFixture()
        try node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        try node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        try node.submit(SchedulerFixture.critical, timeout: .seconds(10))
        #expect(try node.runAll().first == SchedulerFixture.critical)
    }

    @Test func queueDepthIsCountedPerDomainAndAnUnknownDomainIsRefused() throws {
        var node = try SchedulerFixture()
        try node.submit(SchedulerFixture.standard, timeout: .seconds(10))
        try node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        let depths = try node.scheduler.configuration.workersPerDomain.indices.map {
            try node.scheduler.queuedCount(domain: DomainID($0))
        }
        #expect(depths.reduce(0, +) == 2)
        #expect(throws: SchedulingError.self) { try node.scheduler.queuedCount(domain: 99) }
    }

    @Test func earliestDeadlineFirstWithinAClassThenFirstComeFirstServed() throws {
        var node = try SchedulerFixture()
        let late = try node.submit(SchedulerFixture.standard, timeout: .seconds(9)).id
        let early = try node.submit(SchedulerFixture.standard, timeout: .seconds(5)).id
        let tieFirst = try node.submit(SchedulerFixture.standard, timeout: .seconds(7)).id
        node.advance(.zero)
        let tieSecond = try node.submit(SchedulerFixture.standard, timeout: .seconds(7)).id
        var order: [TaskID] = []
        while let assignment = try node.next().assignment {
            order.append(assignment.task)
            _ = node.complete(assignment.task)
        }
        #expect(order == [early, tieFirst, tieSecond, late])
    }

    @Test(
        "backlogged weighted classes share worker time in proportion to their weights",
        arguments: [(4, 1), (2, 1), (3, 2), (1, 1)]
    )
    func weightedClassesShareByWeight(heavy: Int, light: Int) throws {
        let classes = [
            PriorityClass(name: "heavy", weight: heavy, maxQueue: 10_000, defaultTimeout: nil),
            PriorityClass(name: "light", weight: light, maxQueue: 10_000, defaultTimeout: nil),
        ]
        var node = try SchedulerFixture(classes: classes)
        node.checksEveryStep = false
        for _ in 0..<2000 {
            try node.submit(ClassID(0))
            try node.submit(ClassID(1))
        }
        node.scheduler.checkInvariants()
        var served = [0, 0]
        for _ in 0..<1000 {
            guard let assignment = try node.next().assignment else { break }
            node.advance(.milliseconds(10))
            served[node.complete(assignment.task).priorityClass.index] += 1
        }
        node.scheduler.checkInvariants()
        let share = Double(served[0]) / Double(served[0] + served[1])
        #expect(abs(share - Double(heavy) / Double(heavy + light)) < 0.01, "served \(served)")
    }

    @Test func aWeightedClassReturningFromIdleGetsNoBankedCredit() throws {
        let classes = [
            PriorityClass(name: "a", weight: 1, maxQueue: 10_000, defaultTimeout: nil),
            PriorityClass(name: "b", weight: 1, maxQueue: 10_000, defaultTimeout: nil),
        ]
        var node = try SchedulerFixture(classes: classes)
        for _ in 0..<100 { try node.submit(ClassID(0)) }
        _ = try node.runAll()
        for _ in 0..<20 {
            try node.submit(ClassID(0))
            try node.submit(ClassID(1))
        }
        let order = try node.runAll().prefix(10)
        #expect(
            order.filter { $0 == ClassID(1) }.count == 5, "b alternates with a instead of a running alone: \(order)")
    }

    @Test func idleWorkerStealsOnlyTasksWhoseVariantIsLoadedInItsDomain() throws {
        let ladder = [
            VariantProfile(name: "fp32", serviceTime: [0: .milliseconds(10)]),
            VariantProfile(name: "int8", serviceTime: [0: .milliseconds(4), 1: .milliseconds(4)]),
        ]
        var node = try SchedulerFixture(domains: 2, variants: ladder)
        let fillers = try (0..<5).map { _ in
            try node.submit(SchedulerFixture.batch, timeout: .seconds(10), domains: [1]).id
        }
        let anyVariant = try node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        #expect(anyVariant.decision.domain == 0, "domain 1 is busier when it arrives")
        try node.submit(SchedulerFixture.batch, timeout: .seconds(10), lowestVariant: 0)
        try node.submit(SchedulerFixture.standard, timeout: .seconds(10), allowDowngrade: false)
        for filler in fillers {
            _ = node.scheduler.cancel(filler, now: node.now)
        }
        let stolenID = anyVariant.id
        let stolen = try #require(try node.next(domain: 1).assignment)
        #expect(stolen.task == stolenID)
        #expect(stolen.domain == 1)
        #expect(stolen.variant == 1)
        #expect(stolen.downgrade == .placement)
        #expect(try node.next(domain: 1).assignment == nil, "the other tasks need fp32, which domain 1 does not have")
    }

    @Test(
        "an idle worker leaves queued a task it would refuse while its home domain can still serve it",
        arguments: ["slow variant", "open breaker"]
    )
    func idleWorkerDoesNotStealWhatItWouldRefuse(thiefProblem: String) throws {
        let thiefTime: Duration = thiefProblem == "slow variant" ? .milliseconds(50) : .milliseconds(10)
        let ladder = [VariantProfile(name: "fp32", serviceTime: [0: .milliseconds(10), 1: thiefTime])]
        var node = try SchedulerFixture(domains: 2, variants: ladder)
        let blocker = try node.submit(SchedulerFixture.standard, timeout: .seconds(1), domains: [0]).id
        #expect(try node.next(domain: 0).assignment?.task == blocker)
        var lastFailure: TaskID?
        if thiefProblem == "open breaker" {
            for attempt in 0..<5 {
                let failing = try node.submit(SchedulerFixture.standard, timeout: .seconds(1), domains: [1]).id
                #expect(try node.next(domain: 1).assignment?.task == failing)
                if attempt < 4 {
                    _ = node.complete(failing, succeeded: false)
                } else {
                    lastFailure = failing
                }
            }
        }
        let task = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(30))
        #expect(task.decision.domain == 0, "domain 1 is too slow or as busy (ties go to the first domain)")
        if let lastFailure {
            _ = node.complete(lastFailure, succeeded: false)
            #expect(try node.scheduler.isBreakerOpen(model: SchedulerFixture.model, variant: 0, domain: 1))
        }
        let steal = try node.next(domain: 1)
        #expect(steal.assignment == nil, "the thief would not run it")
        #expect(steal.outcomes.isEmpty, "and does not answer it either")
        node.advance(.milliseconds(10))
        _ = node.complete(blocker)
        let home = try #require(try node.next(domain: 0).assignment)
        #expect(home.task == task.id, "its home domain runs it in time")
    }

    @Test func submitPicksTheDomainWithTheEarliestPredictedCompletion() throws {
        var node = try SchedulerFixture(domains: 2)
        for _ in 0..<3 {
            try node.submit(SchedulerFixture.standard, timeout: .seconds(10), domains: [0])
        }
        let decision = try node.submit(SchedulerFixture.standard, timeout: .seconds(10)).decision
        #expect(decision.domain == 1)
    }

    @Test func expiredTaskIsAnsweredAtDispatchWithoutRunning() throws {
        var node = try SchedulerFixture()
        let blocker = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        #expect(try node.next().assignment?.task == blocker)
        let doomed = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(30)).id
        node.advance(.milliseconds(28))
        _ = node.complete(blocker)
        let decision = try node.next()
        #expect(decision.assignment == nil)
        #expect(decision.outcomes.map(\.task) == [doomed])
        #expect(decision.outcomes.first?.refusal == .deadlineExceeded)
        #expect(decision.outcomes.first?.started == nil, "it never ran")
    }

    @Test func cheaperVariantRunsWhenThePreferredWouldMissTheDeadline() throws {
        var node = try SchedulerFixture()
        let blocker = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        let task = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(20)).id
        node.advance(.milliseconds(12))
        _ = node.complete(blocker)
        let assignment = try #require(try node.next().assignment)
        #expect(assignment.task == task)
        #expect(assignment.variant == 1)
        #expect(assignment.downgrade == .deadline)
    }

    @Test func noDowngradeWhenTheCallerForbidsIt() throws {
        var node = try SchedulerFixture()
        let blocker = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        #expect(
            try node.submit(SchedulerFixture.standard, timeout: .milliseconds(20), allowDowngrade: false).decision
                .domain
                == 0)
        node.advance(.milliseconds(12))
        _ = node.complete(blocker)
        #expect(try node.next().outcomes.first?.refusal == .deadlineExceeded)
    }

    @Test func lowestAcceptableVariantBoundsTheDowngrade() throws {
        let ladder = [
            VariantProfile(name: "fp32", serviceTime: .milliseconds(10), domains: 0..<1),
            VariantProfile(name: "fp16", serviceTime: .milliseconds(6), domains: 0..<1),
            VariantProfile(name: "int8", serviceTime: .milliseconds(3), domains: 0..<1),
        ]
        var node = try SchedulerFixture(variants: ladder)
        let blocker = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        #expect(
            try node.submit(SchedulerFixture.standard, timeout: .milliseconds(16), lowestVariant: 1).decision.domain
                == 0)
        node.advance(.milliseconds(12))
        _ = node.complete(blocker)
        #expect(
            try node.next().outcomes.first?.refusal == .deadlineExceeded,
            "int8 would make it, but fp16 is the cheapest it accepts")
    }
}
