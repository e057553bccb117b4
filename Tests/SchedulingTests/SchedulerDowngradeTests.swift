import Scheduling
import Testing

@Suite struct SchedulerDowngradeTests {
    @Test func pressureStepsWeightedClassesDownButNotStrictOnes() throws {
        var node = try SchedulerFixture()
        for _ in 0..<20 {
            try node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        }
        try node.submit(SchedulerFixture.critical, timeout: .seconds(10))
        #expect(
            try node.scheduler.downgradeLevels(domain: 0).pressure == 1,
            "200 ms of queued work is past the 50 ms watermark"
        )
        let critical = try #require(try node.next().assignment)
        #expect(critical.variant == 0)
        _ = node.complete(critical.task)
        let batch = try #require(try node.next().assignment)
        #expect(batch.variant == 1)
        #expect(batch.downgrade == .pressure)
    }

    @Test func pressureStepsBackOnlyAfterTheHoldTimeAndUnderTheLowWatermark() throws {
        var node = try SchedulerFixture()
        for _ in 0..<20 {
            try node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        }
        #expect(try node.scheduler.downgradeLevels(domain: 0).pressure == 1)
        _ = try node.runAll(each: .milliseconds(4))
        #expect(
            try node.scheduler.downgradeLevels(domain: 0).pressure == 1, "queue empty after 80 ms, but the hold is 1 s")
        node.advance(.seconds(3))
        _ = try node.next()
        #expect(try node.scheduler.downgradeLevels(domain: 0).pressure == 0)
    }

    @Test func temperatureSwingsChangeTheLevelAtMostOncePerHoldTime() throws {
        var node = try SchedulerFixture()
        var changes: [Instant] = []
        var last = 0
        for step in 0..<200 {
            try node.scheduler.updateTemperature(step % 2 == 0 ? 95 : 60, domain: 0, now: node.now)
            let level = try node.scheduler.downgradeLevels(domain: 0).thermal
            if level != last {
                changes.append(node.now)
                last = level
            }
            node.advance(.milliseconds(50))
        }
        #expect(changes.count >= 9, "10 s of swings still change it about every second")
        #expect(zip(changes, changes.dropFirst()).allSatisfy { $1 - $0 >= .seconds(1) })
    }

    @Test func heldPastTheWatermarkStepsOneRungPerHoldToTheLastBetweenThemHoldsAndUnderStepsBack() throws {
        let ladder = ["fp32", "int8", "half"].map {
            VariantProfile(name: $0, serviceTime: .milliseconds(4), domains: 0..<1)
        }
        var node = try SchedulerFixture(variants: ladder)
        var levels: [Int] = []
        for celsius in [95.0, 95, 95, 95, 95, 80, 80, 80, 70, 70, 70] {
            try node.scheduler.updateTemperature(celsius, domain: 0, now: node.now)
            levels.append(try node.scheduler.downgradeLevels(domain: 0).thermal)
            node.advance(.milliseconds(500))
        }
        #expect(
            levels == [1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 0],
            "95 °C: a rung now and one more a 1 s hold later, never past the last; 80 °C holds; 70 °C steps back")
    }

    @Test func hotDomainRunsEveryClassOnTheCheaperVariant() throws {
        var node = try SchedulerFixture()
        try node.scheduler.updateTemperature(90, domain: 0, now: node.now)
        try node.submit(SchedulerFixture.critical, timeout: .seconds(1))
        let assignment = try #require(try node.next().assignment)
        #expect(assignment.variant == 1)
        #expect(assignment.downgrade == .thermal)
    }

    @Test func lowMemoryStepsDownAndAsksToUnload() throws {
        var node = try SchedulerFixture()
        try node.scheduler.updateFreeMemory(mebibytes: 100, domain: 0, now: node.now)
        #expect(try node.scheduler.isShortOfMemory(domain: 0))
        try node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        #expect(try node.next().assignment?.downgrade == .memory)
        node.advance(.seconds(2))
        try node.scheduler.updateFreeMemory(mebibytes: 1000, domain: 0, now: node.now)
        #expect(try !node.scheduler.isShortOfMemory(domain: 0))
    }

    @Test func circuitBreakerRoutesToTheNextVariantAfterFailuresThenProbes() throws {
        var node = try SchedulerFixture()
        for _ in 0..<5 {
            try node.submit(SchedulerFixture.standard, timeout: .seconds(1))
            let assignment = try #require(try node.next().assignment)
            #expect(assignment.variant == 0)
            #expect(node.complete(assignment.task, succeeded: false).refusal == .runtimeError)
        }
        #expect(try node.scheduler.isBreakerOpen(model: SchedulerFixture.model, variant: 0, domain: 0))
        try node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        let rerouted = try #require(try node.next().assignment)
        #expect(rerouted.variant == 1)
        #expect(rerouted.downgrade == .errors)
        _ = node.complete(rerouted.task)

        node.advance(.seconds(3))
        try node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        try node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        let probe = try #require(try node.next().assignment)
        #expect(probe.variant == 0, "after the cool-down one task probes fp32")
        let whileProbing = try #require(try node.next().assignment)
        #expect(whileProbing.variant == 1, "only one probe at a time")
        _ = node.complete(probe.task)
        #expect(try !node.scheduler.isBreakerOpen(model: SchedulerFixture.model, variant: 0, domain: 0))
    }

    @Test func overloadShedsSheddableWorkAndRefusesItMeanwhile() throws {
        var node = try SchedulerFixture()
        var batch: [TaskID] = []
        for _ in 0..<10 {
            batch.append(try node.submit(SchedulerFixture.batch, timeout: .seconds(10)).id)
        }
        var shed: [TaskOutcome] = []
        for _ in 0..<30 {
            shed += try node.submit(SchedulerFixture.standard, timeout: .seconds(2)).decision.outcomes.filter {
                $0.refusal == .overload
            }
        }
        #expect(Set(shed.map(\.task)) == Set(batch), "past capacity, every queued batch task is shed")
        let refused = try node.submit(SchedulerFixture.batch, timeout: .seconds(10)).decision
        #expect(refused.outcomes.first?.refusal == .overload)
    }

    @Test func estimatesLearnFromCompletions() throws {
        var node = try SchedulerFixture()
        for _ in 0..<60 {
            try node.submit(SchedulerFixture.standard, timeout: .seconds(10))
            let assignment = try #require(try node.next().assignment)
            node.advance(.milliseconds(20))
            _ = node.complete(assignment.task)
        }
        let learned = try #require(
            try node.scheduler.estimatedServiceTime(model: SchedulerFixture.model, variant: 0, domain: 0))
        #expect(
            learned > .milliseconds(19) && learned < .milliseconds(21),
            "moved from the manifest's 10 ms to the measured 20 ms")
    }
}
