import Scheduling
import Simulation
import TestFixtures
import Testing

/// `bench sched --replay`: a recording's arrivals through the simulator,
/// service times drawn from its runs, beside what really happened.
@Suite struct ReplayTests {
    static func replay(_ bytes: [UInt8], settings: ReplaySettings = ReplaySettings()) throws -> Replay {
        try Replay(ArrivalRecording(decoding: bytes), path: "fixture.esrec", settings: settings)
    }

    /// 400 requests at 20 % of one worker's capacity: every one is admitted
    /// and on time, as recorded, whatever the seed.
    @Test func aLightRecordingReplaysAsRecordedAllOnTime() throws {
        let seed = TestSeed.make(for: "aLightRecordingReplaysAsRecordedAllOnTime")
        let replay = try Self.replay(RecordingFixture.singleWorker(requests: 400, gap: .milliseconds(25)))
        #expect(replay.configuration.workersPerDomain == [1])
        #expect(replay.workersSource == .inferred)
        #expect(replay.unplayedVariants == ["detector/int8"])
        let report = ReplayReport(
            replay: replay, replayed: try Simulator.replay(replay, policy: .edgesched, seed: seed))
        let (recorded, replayed) = (report.recorded.statistics, report.replayed.statistics)
        for index in RecordingFixture.classes.indices {
            #expect(report.onTimeOfAdmitted(ofClass: index) == (100, 100), "class \(index)")
            for figure in [\SchedulerStatistics.Counters.offered, \.admitted, \.completed, \.metDeadline] {
                #expect(recorded.classes[index][keyPath: figure] == replayed.classes[index][keyPath: figure])
            }
        }
        #expect(recorded.total.offered == 400)
        #expect(report.downgrades == (0, 0))
        #expect(report.replayed.duplicateOutcomes == 0)
        #expect(report.replayed.arrivalDigest == report.recorded.arrivalDigest)
        #expect(report.replayed.onTimeInWindow == report.recorded.onTimeInWindow)
    }

    /// Twice one worker's capacity on fp32: edgesched (admission, downgrades
    /// to the int8 runs the recording measured, shedding) keeps critical and
    /// standard on time where FIFO lets every class go late, and its goodput
    /// is higher; both see exactly the recorded arrivals.
    @Test func anOverloadRecordingUnderEdgeschedBeatsFIFO() throws {
        let seed = TestSeed.make(for: "anOverloadRecordingUnderEdgeschedBeatsFIFO")
        let replay = try Self.replay(
            RecordingFixture.singleWorker(requests: 1600, gap: .microseconds(2500), downgradeEvery: 2))
        let edgesched = try Simulator.replay(replay, policy: .edgesched, seed: seed)
        let fifo = try Simulator.replay(replay, policy: .fifo, seed: seed)
        #expect(edgesched.arrivalDigest == replay.recorded.arrivalDigest)
        #expect(fifo.arrivalDigest == replay.recorded.arrivalDigest)
        for report in [edgesched, fifo] {
            #expect(report.outcomes == 1600)
            #expect(report.duplicateOutcomes == 0)
        }
        let onTime = { (report: SimulationReport, index: Int) in
            Double(report.statistics.classes[index].metDeadline)
                / Double(max(1, report.statistics.classes[index].admitted))
        }
        #expect(onTime(edgesched, 0) >= 0.99, "critical \(onTime(edgesched, 0))")
        #expect(onTime(edgesched, 1) >= 0.99, "standard \(onTime(edgesched, 1))")
        #expect(onTime(fifo, 1) < 0.5, "standard under fifo \(onTime(fifo, 1))")
        #expect(edgesched.statistics.total.downgraded > 0)
        #expect(fifo.statistics.total.downgraded == 0)
        #expect(edgesched.goodputPerSecond > fifo.goodputPerSecond * 1.2)
    }

    /// The same seed gives the same replay; the records' order in the file
    /// (answer order) does not matter, as replay sorts them by arrival.
    @Test func theSameSeedGivesTheSameReplayWhateverTheRecordOrder() throws {
        let bytes = RecordingFixture.singleWorker(requests: 600, gap: .microseconds(3000), downgradeEvery: 3)
        var recording = try ArrivalRecording(decoding: bytes)
        let forward = try Replay(recording, path: "a.esrec", settings: ReplaySettings())
        recording.arrivals.reverse()
        let backward = try Replay(recording, path: "a.esrec", settings: ReplaySettings())
        let first = try Simulator.replay(forward, policy: .edgesched, seed: 5)
        let second = try Simulator.replay(backward, policy: .edgesched, seed: 5)
        #expect(first.statistics == second.statistics)
        #expect(first.arrivalDigest == second.arrivalDigest)
        let other = try Simulator.replay(forward, policy: .edgesched, seed: 6)
        #expect(other.arrivalDigest == first.arrivalDigest)
        #expect(other.workerTime != first.workerTime)
    }

    /// Given workers and classes are used; weights from settings change the
    /// outcome while the arrivals stay the recorded ones.
    @Test func settingsGiveTheNodeAndItsWeights() throws {
        let bytes = RecordingFixture.singleWorker(requests: 1600, gap: .microseconds(2500), downgradeEvery: 2)
        var classes = PriorityClass.defaults
        classes[2].weight = 8
        let heavyBatch = try Self.replay(
            bytes, settings: ReplaySettings(classes: classes, workersPerDomain: [1], workersSource: "test"))
        #expect(heavyBatch.workersSource == .given("test"))
        #expect(heavyBatch.configuration.classes[2].weight == 8)
        let base = try Simulator.replay(try Self.replay(bytes), policy: .edgesched, seed: 1)
        let heavy = try Simulator.replay(heavyBatch, policy: .edgesched, seed: 1)
        #expect(heavy.arrivalDigest == base.arrivalDigest)
        #expect(heavy.statistics.classes[2].workerTime > base.statistics.classes[2].workerTime)
    }

    /// A worker that took 1 ms after each completion to start its next
    /// task (the agent's dispatch overhead on a busy machine) does so in
    /// the replay too: a FIFO backlog of 200 runs finishes 199 ms later
    /// than the same runs without the gaps.
    @Test func replaysTheRecordedDispatchGaps() throws {
        let backlog = { (gap: Duration) in
            try Self.replay(RecordingFixture.singleWorker(requests: 200, gap: .microseconds(100), dispatchGap: gap))
        }
        let (gapped, tight) = (try backlog(.milliseconds(1)), try backlog(.zero))
        #expect(gapped.dispatchGaps(domain: 0)?.count == 199)
        #expect(gapped.dispatchGaps(domain: 0)?.mean == .milliseconds(1))
        let (slow, fast) = (
            try Simulator.replay(gapped, policy: .fifo, seed: 2), try Simulator.replay(tight, policy: .fifo, seed: 2)
        )
        #expect(slow.simulatedTime - fast.simulatedTime == .milliseconds(199))
    }

    /// Service times come from the runs recorded nearest in time: fp32 ran
    /// in 2 ms for the first 100 requests (all critical) and in 20 ms for
    /// the next 100 (all batch), and the replay runs each class at its own
    /// speed rather than a mix of both (drawn from all runs, each class's
    /// p90 and p10 would both be a mix).
    @Test func drawsServiceTimesFromTheRunsNearestInTime() throws {
        let replay = try Self.replay(
            RecordingFixture.singleWorker(
                requests: 200, gap: .milliseconds(50), classOf: { $0 < 100 ? 0 : 2 },
                fp32Time: { $0 < 100 ? .milliseconds(2) : .milliseconds(20) }))
        let report = try Simulator.replay(replay, policy: .fifo, seed: TestSeed.make(for: "nearestInTime"))
        let (critical, batch) = (report.statistics.classes[0], report.statistics.classes[2])
        // Only requests within half a neighbourhood (16 runs) of the change may draw the other speed.
        #expect(critical.serviceTime.percentile(0.9) < .milliseconds(3), "\(critical.serviceTime.percentile(0.9))")
        #expect(batch.serviceTime.percentile(0.1) > .milliseconds(15), "\(batch.serviceTime.percentile(0.1))")
    }

    @Test func refusesARecordingWithoutRequests() {
        #expect(throws: ReplayError(path: "fixture.esrec", "the recording has no requests to replay")) {
            try Self.replay(RecordingFixture.empty())
        }
    }

    @Test func refusesAClassTheNodeDoesNotHave() {
        let settings = ReplaySettings(
            classes: [PriorityClass(name: "gold", defaultTimeout: nil)], classesSource: "--config gold.yaml")
        let error = #expect(throws: ReplayError.self) {
            try Self.replay(RecordingFixture.singleWorker(requests: 3, gap: .milliseconds(10)), settings: settings)
        }
        #expect(
            error?.description
                == "fixture.esrec: class \"critical\" of the recording is not among the classes of --config gold.yaml (\"gold\"); give the agent's configuration with --config"
        )
    }

    @Test func refusesADomainBeyondTheGivenWorkers() throws {
        var recording = try ArrivalRecording(
            decoding: RecordingFixture.singleWorker(requests: 3, gap: .milliseconds(10)))
        recording.arrivals[1].domain = DomainID(2)
        let error = #expect(throws: ReplayError.self) {
            try Replay(
                recording, path: "x.esrec", settings: ReplaySettings(workersPerDomain: [1, 1], workersSource: "plan"))
        }
        #expect(
            error?.description.hasPrefix("x.esrec: requests ran in domain 2, but the node has 2 domains (plan)") == true
        )
    }

    /// A request the agent refused `shutting_down` at once starts the
    /// replay's drain there: it and every later one are refused the same way.
    @Test func theRecordedDrainIsReplayed() throws {
        var recording = try ArrivalRecording(
            decoding: RecordingFixture.singleWorker(requests: 100, gap: .milliseconds(20)))
        for index in 90..<100 {
            recording.arrivals[index].refusal = .shuttingDown
            recording.arrivals[index].answeredAfter = .zero
            recording.arrivals[index].variant = nil
            recording.arrivals[index].domain = nil
            recording.arrivals[index].queueTime = nil
            recording.arrivals[index].serviceTime = nil
        }
        let replay = try Replay(recording, path: "drain.esrec", settings: ReplaySettings())
        let report = try Simulator.replay(replay, policy: .edgesched, seed: 1)
        #expect(report.statistics.total.refusals == [.shuttingDown: 10])
        #expect(replay.recorded.statistics.total.refusals == [.shuttingDown: 10])
        #expect(report.statistics.total.admitted == 90)
    }
}
