import Scheduling
import Testing

@Suite struct SchedulerDowngradeTests {
    @Test func pressureStepsWeightedClassesDownButNotStrictOnes() throws {
        var node = try SchedulerFixture()
        for _ in 0..<20 {
            node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        }
        node.submit(SchedulerFixture.critical, timeout: .seconds(10))
        #expect(
            node.scheduler.downgradeLevels(domain: 0).pressure == 1, "200 ms of queued work is past the 50 ms watermark"
        )
        let critical = try #require(node.next().assignment)
        #expect(critical.variant == 0)
        _ = node.complete(critical.task)
        let batch = try #require(node.next().assignment)
        #expect(batch.variant == 1)
        #expect(batch.downgrade == .pressure)
    }

    @Test func pressureStepsBackOnlyAfterTheHoldTimeAndUnderTheLowWatermark() throws {
        var node = try SchedulerFixture()
        for _ in 0..<20 {
            node.submit(SchedulerFixture.batch, timeout: .seconds(10))
        }
        #expect(node.scheduler.downgradeLevels(domain: 0).pressure == 1)
        _ = node.runAll(each: .milliseconds(4))
        #expect(node.scheduler.downgradeLevels(domain: 0).pressure == 1, "queue empty after 80 ms, but the hold is 1 s")
        node.advance(.seconds(3))
        _ = node.next()
        #expect(node.scheduler.downgradeLevels(domain: 0).pressure == 0)
    }

    @Test func temperatureSwingsChangeTheLevelAtMostOncePerHoldTime() throws {
        var node = try SchedulerFixture()
        var changes: [Instant] = []
        var last = 0
        for step in 0..<200 {
            node.scheduler.updateTemperature(step % 2 == 0 ? 95 : 60, domain: 0, now: node.now)
            let level = node.scheduler.downgradeLevels(domain: 0).thermal
            if level != last {
                changes.append(node.now)
                last = level
            }
            node.advance(.milliseconds(50))
        }
        #expect(changes.count >= 9, "10 s of swings still change it about every second")
        #expect(zip(changes, changes.dropFirst()).allSatisfy { $1 - $0 >= .seconds(1) })
    }

    @Test func hotDomainRunsEveryClassOnTheCheaperVariant() throws {
        var node = try SchedulerFixture()
        node.scheduler.updateTemperature(90, domain: 0, now: node.now)
        node.submit(SchedulerFixture.critical, timeout: .seconds(1))
        let assignment = try #require(node.next().assignment)
        #expect(assignment.variant == 1)
        #expect(assignment.downgrade == .thermal)
    }

    @Test func lowMemoryStepsDownAndAsksToUnload() throws {
        var node = try SchedulerFixture()
        node.scheduler.updateFreeMemory(mebibytes: 100, domain: 0, now: node.now)
        #expect(node.scheduler.isShortOfMemory(domain: 0))
        node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        #expect(node.next().assignment?.downgrade == .memory)
        node.advance(.seconds(2))
        node.scheduler.updateFreeMemory(mebibytes: 1000, domain: 0, now: node.now)
        #expect(!node.scheduler.isShortOfMemory(domain: 0))
    }

    @Test func circuitBreakerRoutesToTheNextVariantAfterFailuresThenProbes() throws {
        var node = try SchedulerFixture()
        for _ in 0..<5 {
            node.submit(SchedulerFixture.standard, timeout: .seconds(1))
            let assignment = try #require(node.next().assignment)
            #expect(assignment.variant == 0)
            #expect(node.complete(assignment.task, succeeded: false).refusal == .runtimeError)
        }
        #expect(node.scheduler.isBreakerOpen(model: SchedulerFixture.model, variant: 0, domain: 0))
        node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        let rerouted = try #require(node.next().assignment)
        #expect(rerouted.variant == 1)
        #expect(rerouted.downgrade == .errors)
        _ = node.complete(rerouted.task)

        node.advance(.seconds(3))
        node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        node.submit(SchedulerFixture.standard, timeout: .seconds(1))
        let probe = try #require(node.next().assignment)
        #expect(probe.variant == 0, "after the cool-down one task probes fp32")
        let whileProbing = try #require(node.next().assignment)
        #expect(whileProbing.variant == 1, "only one probe at a time")
        _ = node.complete(probe.task)
        #expect(!node.scheduler.isBreakerOpen(model: SchedulerFixture.model, variant: 0, domain: 0))
    }

    @Test func overloadShedsSheddableWorkAndRefusesItMeanwhile() throws {
        var node = try SchedulerFixture()
        var batch: [TaskID] = []
        for _ in 0..<10 {
            batch.append(node.submit(SchedulerFixture.batch, timeout: .seconds(10)).id)
        }
        var shed: [TaskOutcome] = []
        for _ in 0..<30 {
            shed += node.submit(SchedulerFixture.standard, timeout: .seconds(2)).decision.outcomes.filter {
                $0.refusal == .overload
            }
        }
        #expect(Set(shed.map(\.task)) == Set(batch), "past capacity, every queued batch task is shed")
        let refused = node.submit(SchedulerFixture.batch, timeout: .seconds(10)).decision
        #expect(refused.outcomes.first?.refusal == .overload)
    }

    @Test func estimatesLearnFromCompletions() throws {
        var node = try SchedulerFixture()
        for _ in 0..<60 {
            node.submit(SchedulerFixture.standard, timeout: .seconds(10))
            let assignment = try #require(node.next().assignment)
            node.advance(.milliseconds(20))
            _ = node.complete(assignment.task)
        }
        let learned = try #require(
            node.scheduler.estimatedServiceTime(model: SchedulerFixture.model, variant: 0, domain: 0))
        #expect(
            learned > .milliseconds(19) && learned < .milliseconds(21),
            "moved from the manifest's 10 ms to the measured 20 ms")
    }
}
