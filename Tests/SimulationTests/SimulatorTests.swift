import Scheduling
import Simulation
import TestFixtures
import Testing

/// What the issue asks the simulator to show, deterministic for a seed.
@Suite struct SimulatorTests {
    static func run(_ name: String, _ policy: SimulatedPolicy, seed: UInt64 = 1) throws -> SimulationReport {
        let scenario = try #require(Scenario.named(name))
        return try Simulator.run(scenario, policy: policy, seed: seed)
    }

    @Test func overload2xKeepsDeadlinesAndWastesAlmostNothing() throws {
        let edgesched = try Self.run("overload-2x", .edgesched)
        let fifo = try Self.run("overload-2x", .fifo)
        let critical = edgesched.statistics.classes[0]
        let standard = edgesched.statistics.classes[1]
        #expect(
            Double(critical.metDeadline) >= 0.999 * Double(critical.offered),
            "critical \(critical.metDeadline)/\(critical.offered)")
        #expect(
            Double(standard.metDeadline) >= 0.99 * Double(standard.admitted),
            "standard \(standard.metDeadline)/\(standard.admitted)")
        #expect(edgesched.outcomes == edgesched.requests && edgesched.answered == edgesched.requests)
        #expect(edgesched.duplicateOutcomes == 0)
        #expect(edgesched.wastedFraction < 0.005, "wasted \(edgesched.wastedFraction)")
        #expect(fifo.wastedFraction > 10 * max(edgesched.wastedFraction, 0.001), "fifo wasted \(fifo.wastedFraction)")
        #expect(
            edgesched.goodputPerSecond >= 1.5 * fifo.goodputPerSecond,
            "\(edgesched.goodputPerSecond) vs \(fifo.goodputPerSecond)")
    }

    /// The issue's goal at 2×: edgesched's goodput at least 1.5× the
    /// `queue-timeout` baseline's on the same arrivals, its critical class
    /// ≥ 99.9 % on time; the figures are printed for each seed.
    @Test(arguments: [1, 9001, 9002, 9003] as [UInt64])
    func overload2xGoodputBeatsTheQueueTimeoutBaseline(seed: UInt64) throws {
        let edgesched = try Self.run("overload-2x", .edgesched, seed: seed)
        let baseline = try Self.run("overload-2x", .queueTimeout, seed: seed)
        for report in [edgesched, baseline] {
            let onTime = report.statistics.classes.enumerated().map { index, counts in
                "\(report.classNames[index]) \(counts.metDeadline)/\(counts.offered)"
            }
            print(
                "overload-2x seed \(seed) \(report.policy.rawValue): goodput \(report.goodputPerSecond)/s, "
                    + "on time \(onTime.joined(separator: ", "))")
        }
        #expect(baseline.arrivalDigest == edgesched.arrivalDigest)
        #expect(baseline.outcomes == baseline.requests && baseline.duplicateOutcomes == 0)
        let critical = edgesched.statistics.classes[0]
        #expect(
            Double(critical.metDeadline) >= 0.999 * Double(critical.offered),
            "seed \(seed): critical \(critical.metDeadline)/\(critical.offered)")
        #expect(
            edgesched.goodputPerSecond >= 1.5 * baseline.goodputPerSecond,
            "seed \(seed): \(edgesched.goodputPerSecond) vs \(baseline.goodputPerSecond)")
    }

    /// The issue's admission goal at 4× (1.6× the capacity even on int8):
    /// every non-sheddable class keeps ≥ 99.5 % of its admitted tasks on
    /// time, refused at submit rather than answered `deadline_exceeded` at
    /// dispatch, for goodput no lower than before the wait's spread was
    /// predicted (`earlier`, measured per seed then). Goodput is the
    /// workers' time over the tasks' service draws, and which tasks are
    /// admitted changes which draw each gets: the ~12,800 critical (5 ms)
    /// and ~48,000 standard (2 ms) draws at CV 0.1 vary by about 72 ms of
    /// worker time, 36 int8 tasks, 1.8/s; the floor is two of those below.
    @Test(arguments: [(9001, 3045.35), (9002, 3031.65), (9003, 3034.15)] as [(UInt64, Double)])
    func overload4xKeepsTheAdmissionPromise(seed: UInt64, earlier: Double) throws {
        let report = try Self.run("overload-4x", .edgesched, seed: seed)
        let classes = try #require(Scenario.named("overload-4x")).configuration.classes
        for (index, counts) in report.statistics.classes.enumerated() {
            let refused = counts.offered - counts.admitted
            let reasons = counts.refusals.map { "\($0.key.rawValue) \($0.value)" }.sorted()
            print(
                "overload-4x seed \(seed) \(report.classNames[index]): on time \(counts.metDeadline)/\(counts.admitted) "
                    + "admitted, refused \(refused)/\(counts.offered); \(reasons.joined(separator: ", "))")
            guard !classes[index].sheddable else { continue }
            #expect(
                Double(counts.metDeadline) >= 0.995 * Double(counts.admitted),
                "seed \(seed) \(report.classNames[index]): \(counts.metDeadline)/\(counts.admitted) admitted on time")
        }
        print("overload-4x seed \(seed): goodput \(report.goodputPerSecond)/s, earlier \(earlier)/s")
        #expect(report.goodputPerSecond >= earlier - 2 * 1.8, "seed \(seed): \(report.goodputPerSecond)/s")
        #expect(report.outcomes == report.requests && report.duplicateOutcomes == 0)
    }

    /// `overload-4x` on a host that runs 1.6× slower for 0.5 s in every 2 s.
    /// The tasks queued when a slowdown begins were admitted on the old
    /// speed, and about 20 standard tasks of each slowdown end late; those
    /// admitted after it see it in the re-valued queue. Critical stays on
    /// time. The bound is what these seeds give (99.30–99.49 %; 99.23–99.41 %
    /// with charges fixed at admission), short of the 4× goal's 99.5 %: this
    /// is the real agent's gap on a host that does this.
    @Test(arguments: [9001, 9002, 9003] as [UInt64])
    func aHostThatSlowsDownCostsMostlyTheTasksQueuedWhenItBegins(seed: UInt64) throws {
        let report = try Self.run("overload-4x-slowdown", .edgesched, seed: seed)
        let (critical, standard) = (report.statistics.classes[0], report.statistics.classes[1])
        let share = { (counts: SchedulerStatistics.Counters) in
            Double(counts.metDeadline) / Double(max(1, counts.admitted))
        }
        print(
            "overload-4x-slowdown seed \(seed): critical \(critical.metDeadline)/\(critical.admitted), "
                + "standard \(standard.metDeadline)/\(standard.admitted) admitted on time; "
                + "goodput \(report.goodputPerSecond)/s")
        #expect(share(critical) >= 0.999, "seed \(seed): critical \(critical.metDeadline)/\(critical.admitted)")
        #expect(share(standard) >= 0.992, "seed \(seed): standard \(standard.metDeadline)/\(standard.admitted)")
        #expect(report.outcomes == report.requests && report.duplicateOutcomes == 0)
    }

    @Test func theQueueTimeoutBaselineRefusesAndTimesOutButRunsLateWorkOnceStarted() throws {
        let report = try Self.run("overload-2x", .queueTimeout)
        let refusals = report.statistics.total.refusals
        #expect((refusals[.deadlineExceeded] ?? 0) > 0, "\(refusals)")
        #expect(refusals[.wouldMissDeadline] == nil && refusals[.overload] == nil, "\(refusals)")
        #expect(report.statistics.total.downgraded == 0)
        #expect(report.wastedWorkerTime > .zero, "work that started on time to wait and finished late")
    }

    @Test func fairShareSplitsWorkerTimeByWeight() throws {
        let report = try Self.run("fair-share", .edgesched)
        for (index, weight) in [4.0, 2.0, 1.0].enumerated() {
            let share = report.workerTimeShare(ofClass: index)
            #expect(abs(share - weight / 7) <= 0.03, "\(report.classNames[index]): \(share), not \(weight)/7")
        }
    }

    @Test func steadyLoadNeedsNoDowngradeAndNoRefusal() throws {
        let report = try Self.run("steady", .edgesched)
        #expect(report.statistics.total.downgraded == 0)
        #expect(report.statistics.total.refusals.isEmpty, "\(report.statistics.total.refusals)")
        #expect(report.statistics.total.metDeadline == report.requests)
    }

    @Test func swingingTemperatureChangesTheVariantAtMostOncePerHoldTime() throws {
        let report = try Self.run("thermal-flap", .edgesched)
        let hold = Scenario.named("thermal-flap")?.configuration.downgrade.thermal.hold ?? .zero
        let changes = report.levelChanges.map(\.count).reduce(0, +)
        #expect(changes >= 10, "the temperature crossed the watermarks 200 times; the level followed \(changes) times")
        let shortest = try #require(report.shortestLevelChangeInterval)
        #expect(shortest >= hold, "two changes \(shortest) apart")
    }

    @Test func sameSeedGivesTheSameRunAndAnotherSeedAnother() throws {
        let first = try Self.run("burst", .edgesched, seed: 7)
        let again = try Self.run("burst", .edgesched, seed: 7)
        let other = try Self.run("burst", .edgesched, seed: 8)
        #expect(first.statistics == again.statistics)
        #expect(first.requests == again.requests)
        #expect(first.statistics != other.statistics)
    }

    @Test(
        "every request gets exactly one outcome under failures and cancellations", arguments: SimulatedPolicy.allCases)
    func everyRequestGetsExactlyOneOutcome(policy: SimulatedPolicy) throws {
        var scenario = try #require(Scenario.named("overload-2x"))
        scenario.duration = .seconds(3)
        scenario.failureProbability = 0.05
        scenario.cancelProbability = 0.05
        let seed = TestSeed.make(for: "everyRequestGetsExactlyOneOutcome(\(policy))")
        let report = try Simulator.run(scenario, policy: policy, seed: seed)
        #expect(report.outcomes == report.requests, "seed \(report.seed)")
        #expect(report.answered == report.requests, "seed \(report.seed)")
        #expect(report.duplicateOutcomes == 0, "seed \(report.seed)")
        #expect((report.statistics.total.refusals[.runtimeError] ?? 0) > 0)
    }

    @Test("every policy sees the same arrivals for a seed", arguments: Scenario.builtIn.map(\.name))
    func everyPolicySeesTheSameArrivals(name: String) throws {
        var scenario = try #require(Scenario.named(name))
        scenario.duration = .seconds(3)
        scenario.cancelProbability = 0.05
        scenario.failureProbability = 0.05
        let seed = TestSeed.make(for: "everyPolicySeesTheSameArrivals(\(name))")
        let reports = try SimulatedPolicy.allCases.map { try Simulator.run(scenario, policy: $0, seed: seed) }
        let offered = reports.map { $0.statistics.classes.map(\.offered) }
        #expect(Set(offered.map { "\($0)" }).count == 1, "seed \(seed): offered per class \(offered)")
        #expect(Set(reports.map(\.requests)).count == 1, "seed \(seed)")
        #expect(Set(reports.map(\.arrivalDigest)).count == 1, "seed \(seed): arrival times differ")
    }

    @Test(
        "goodput counts on-time answers within the arrival window, so it never passes capacity",
        arguments: SimulatedPolicy.allCases
    )
    func goodputNeverPassesCapacity(policy: SimulatedPolicy) throws {
        let report = try Self.run("fair-share", policy)
        let fastestCapacity = 8 / 0.002
        #expect(report.goodputPerSecond <= 1.05 * fastestCapacity, "\(report.goodputPerSecond)/s")
        if policy != .edgesched {
            #expect(
                report.goodputPerSecond <= 1.05 * Scenario.capacity,
                "the baselines run fp32 only: \(report.goodputPerSecond)/s")
        }
        #expect(report.onTimeInWindow <= report.statistics.total.metDeadline)
    }

    @Test func seededRandomServiceTimesHaveTheConfiguredMeanAndSpread() {
        var random = SeededRandom(seed: 3)
        let samples = (0..<20_000).map { _ in random.logNormal(mean: 5, cv: 0.1) }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let deviation = (samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)).squareRoot()
        #expect(abs(mean - 5) < 0.02)
        #expect(abs(deviation / mean - 0.1) < 0.005)
        #expect(samples.allSatisfy { $0 > 0 })
    }
}
