import Scheduling
import Testing

/// running → draining → stopped, idleness, and deadline expiry without a worker.
@Suite struct SchedulerLifecycleTests {
    @Test func drainingRefusesNewTasksAndStillDispatchesQueuedOnes() throws {
        var node = try SchedulerFixture()
        let running = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        let queued = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        #expect(node.scheduler.lifecycle == .running)
        node.scheduler.beginDraining()
        #expect(node.scheduler.lifecycle == .draining)
        let refused = try node.submit(SchedulerFixture.critical, timeout: .seconds(1)).decision
        #expect(refused.domain == nil)
        #expect(refused.outcomes.first?.refusal == .shuttingDown)
        node.advance(.milliseconds(10))
        #expect(node.complete(running).metDeadline)
        #expect(try node.next().assignment?.task == queued, "queued work is still dispatched while draining")
        #expect(!node.scheduler.isIdle)
        node.advance(.milliseconds(10))
        #expect(node.complete(queued).metDeadline)
        #expect(node.scheduler.isIdle)
        #expect(node.scheduler.stop(now: node.now).isEmpty)
        #expect(node.scheduler.lifecycle == .stopped)
    }

    @Test(arguments: [false, true])
    func stopAnswersWhatIsStillQueuedAndLetsRunningTasksComplete(drainFirst: Bool) throws {
        var node = try SchedulerFixture()
        let running = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        let queued = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        _ = try node.next()
        if drainFirst { node.scheduler.beginDraining() }
        let stopped = node.scheduler.stop(now: node.now)
        node.scheduler.checkInvariants()
        #expect(stopped.map(\.task) == [queued])
        #expect(stopped.first?.refusal == .shuttingDown)
        #expect(node.scheduler.lifecycle == .stopped)
        #expect(!node.scheduler.isIdle, "one task is still running")
        #expect(try node.next().assignment == nil)
        #expect(
            try node.submit(SchedulerFixture.critical, timeout: .seconds(1)).decision.outcomes.first?.refusal
                == .shuttingDown)
        #expect(node.complete(running).metDeadline, "running work still completes")
        #expect(node.scheduler.isIdle)
    }

    @Test func isIdleOnlyWhenNothingIsQueuedOrRunning() throws {
        var node = try SchedulerFixture()
        #expect(node.scheduler.isIdle)
        let task = try node.submit(SchedulerFixture.batch, timeout: .seconds(1)).id
        #expect(!node.scheduler.isIdle, "queued")
        _ = try node.next()
        #expect(!node.scheduler.isIdle, "running")
        _ = node.complete(task)
        #expect(node.scheduler.isIdle)
    }

    @Test func stoppingTwiceStopsTheProgramNamingTheState() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var scheduler = try Scheduler(configuration: SchedulerFixture.configuration())
            _ = scheduler.stop(now: .zero)
            _ = scheduler.stop(now: .zero)
        }
        .map { String(decoding: $0.standardErrorContent, as: UTF8.self) }
        .map { #expect($0.contains("stop(now:) on a scheduler that is stopped already"), "\($0)") }
    }

    @Test func drainingAStoppedSchedulerStopsTheProgramNamingTheState() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var scheduler = try Scheduler(configuration: SchedulerFixture.configuration())
            _ = scheduler.stop(now: .zero)
            scheduler.beginDraining()
        }
        .map { String(decoding: $0.standardErrorContent, as: UTF8.self) }
        .map { #expect($0.contains("beginDraining() on a scheduler that is stopped"), "\($0)") }
    }

    @Test func nextExpiryIsWhenTheCheapestVariantCanNoLongerFinishInTime() throws {
        var node = try SchedulerFixture()
        #expect(node.scheduler.nextExpiry == nil, "nothing queued")
        let blocker = try node.submit(SchedulerFixture.standard, timeout: .seconds(1)).id
        #expect(try node.next().assignment?.task == blocker)
        #expect(node.scheduler.nextExpiry == nil, "nothing queued; the running task is not expired by the scheduler")
        let doomed = try node.submit(SchedulerFixture.standard, timeout: .milliseconds(30)).id
        try node.submit(SchedulerFixture.batch, timeout: .seconds(2))
        let expiry = try #require(node.scheduler.nextExpiry)
        #expect(expiry == Instant(nanoseconds: 26_000_001), "30 ms deadline, int8 takes 4 ms: hopeless after 26 ms")
        #expect(node.scheduler.expire(now: Instant(nanoseconds: expiry.nanoseconds - 1)).isEmpty)
        let expired = node.scheduler.expire(now: expiry)
        node.scheduler.checkInvariants()
        #expect(expired.map(\.task) == [doomed])
        #expect(expired.first?.refusal == .deadlineExceeded)
        #expect(expired.first?.started == nil, "it never ran")
        #expect(node.scheduler.nextExpiry == Instant(nanoseconds: 1_996_000_001), "the batch task's turn")
        #expect(node.scheduler.queuedCount == 1)
    }

    @Test func tasksWithoutDeadlineNeverExpire() throws {
        let classes = [PriorityClass(name: "open", defaultTimeout: nil)]
        var node = try SchedulerFixture(classes: classes)
        try node.submit(ClassID(0))
        try node.submit(ClassID(0))
        #expect(node.scheduler.nextExpiry == nil)
        #expect(node.scheduler.expire(now: Instant(nanoseconds: .max)).isEmpty)
        #expect(node.scheduler.queuedCount == 2)
    }
}
