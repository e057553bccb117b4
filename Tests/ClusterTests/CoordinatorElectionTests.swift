import Cluster
import Scheduling
import Testing

/// Two or three coordinators' elections driven by each other's heartbeats on
/// a virtual clock, as their sockets would carry them.
@Suite struct CoordinatorElectionTests {
    static let takeover = Duration.seconds(3)

    /// Coordinators that hear each other every second unless silenced.
    struct Site {
        var elections: [CoordinatorElection]
        var now = Instant.zero
        var silent: Set<Int> = []

        init(_ names: [String]) throws {
            elections = try names.map { CoordinatorElection(own: try NodeID($0), takeover: takeover, now: .zero) }
        }

        /// One second on: each live coordinator decides, then heartbeats cross.
        mutating func second() -> [UInt64?] {
            now = now + .seconds(1)
            var epochs: [UInt64?] = []
            for index in elections.indices {
                epochs.append(silent.contains(index) ? nil : elections[index].nextEpoch(at: now))
            }
            let beats = elections.indices.filter { !silent.contains($0) }.map { elections[$0].heartbeat }
            for index in elections.indices where !silent.contains(index) {
                for beat in beats { elections[index].heard(beat, at: now) }
            }
            return epochs
        }

        mutating func seconds(_ count: Int) -> [[UInt64?]] {
            (0..<count).map { _ in second() }
        }

        var active: [Int] { elections.indices.filter { !silent.contains($0) && elections[$0].isActive } }
    }

    @Test func theLowestIdPublishesAfterListeningOneTakeoverTimeAndTheOthersStandBy() throws {
        var site = try Site(["coordinator-b", "coordinator-a", "coordinator-c"])
        let first = site.seconds(2)
        #expect(first.allSatisfy { $0.allSatisfy { $0 == nil } }, "nobody publishes while it listens")
        let rounds = site.seconds(5)
        #expect(site.active == [1])
        #expect(rounds.last == [nil, rounds.last?[1] ?? nil, nil])
        #expect(rounds.compactMap { $0[1] } == Array(1...UInt64(rounds.compactMap { $0[1] }.count)))
    }

    @Test func aStandbyTakesOverWithAHigherEpochOnceTheActiveOneIsSilentForTheTakeoverTime() throws {
        var site = try Site(["coordinator-a", "coordinator-b", "coordinator-c"])
        let epochs = site.seconds(8).compactMap { $0[0] }
        let last = try #require(epochs.last)
        site.silent = [0]
        var silentFor = 0
        while site.active.isEmpty {
            _ = site.second()
            silentFor += 1
            #expect(silentFor <= 4, "a standby took over within the takeover time and one interval")
            if silentFor > 4 { return }
        }
        #expect(site.active == [1], "the lowest live id takes over")
        let next = site.seconds(1)
        #expect((next[0][1] ?? 0) > last)
    }

    @Test func aCoordinatorThatComesBackDoesNotFightTheCurrentOne() throws {
        var site = try Site(["coordinator-a", "coordinator-b"])
        _ = site.seconds(6)
        site.silent = [0]
        _ = site.seconds(6)
        #expect(site.active == [1])
        site.elections[0] = CoordinatorElection(
            own: try NodeID("coordinator-a"), takeover: Self.takeover, now: site.now)
        site.silent = []
        let after = site.seconds(10)
        #expect(site.active == [1], "the returning lower id stands by")
        #expect(after.allSatisfy { $0[0] == nil })
    }

    @Test func ofTwoActiveOnesTheLowerEpochStepsDown() throws {
        var left = try Site(["coordinator-a"])
        var right = try Site(["coordinator-b"])
        _ = left.seconds(5)
        _ = right.seconds(9)
        let a = left.elections[0].heartbeat
        let b = right.elections[0].heartbeat
        #expect(a.isActive && b.isActive && b.epoch > a.epoch)
        left.elections[0].heard(b, at: left.now)
        right.elections[0].heard(a, at: right.now)
        #expect(!left.elections[0].isActive, "a, with the lower epoch, steps down")
        #expect(right.elections[0].isActive)
        #expect(left.elections[0].epoch == b.epoch, "and will not go back below b's epoch")
    }

    @Test func itsOwnHeartbeatEchoedBackChangesNothing() throws {
        var election = CoordinatorElection(own: try NodeID("coordinator-a"), takeover: Self.takeover, now: .zero)
        _ = election.nextEpoch(at: .zero + .seconds(4))
        let before = election.heartbeat
        election.heard(CoordinatorHeartbeat(coordinator: before.coordinator, isActive: true, epoch: 99), at: .zero)
        #expect(election.heartbeat == before)
    }
}
