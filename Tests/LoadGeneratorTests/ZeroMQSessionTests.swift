import LoadGenerator
import Messaging
import TestFixtures
import Testing
import Topology

/// Whole runs over ZeroMQ against a ROUTER that answers per docs/protocol.md:
/// every request gets exactly one outcome, replies are matched by id
/// whatever their order, and the frames carry each class's parameters.
@Suite struct ZeroMQSessionTests {
    private static let models = FixtureTrees.packageRoot + "/models"

    private func plan(
        _ peer: ProtocolTestPeer, classes: [TrafficClass], connections: Int? = nil, priorityAsInteger: Bool = false,
        withoutClassParameters: Bool = false, drainGrace: Duration = .seconds(5)
    ) throws -> LoadPlan {
        LoadPlan(
            target: .zeroMQ(try ZeroMQEndpoint(parsing: peer.endpoint, for: .connect), models: Self.models),
            model: "sensor-mlp",
            rate: 200, duration: .milliseconds(300), arrivals: .fixed, classes: classes, connections: connections,
            seed: 7, priorityAsInteger: priorityAsInteger, withoutClassParameters: withoutClassParameters,
            drainGrace: drainGrace)
    }

    private func expectEveryRequestCountedOnce(_ report: LoadReport) {
        for row in report.classes + [report.total] {
            #expect(row.outcomes == row.offered, "\(row.name): \(row)")
        }
    }

    @Test func repliesOutOfOrderAreMatchedByIDAndCountedByOutcome() async throws {
        let peer = try ProtocolTestPeer { priority in
            switch priority {
            case "critical": .ok(delay: .zero)
            case "slow": .ok(delay: .milliseconds(40))
            default: .refuse(status: 429, reason: "queue_full")
            }
        }
        let classes = [
            TrafficClass(name: "critical", share: 0.5, timeout: .seconds(5)),
            TrafficClass(name: "slow", share: 0.25, timeout: .milliseconds(10)),
            TrafficClass(name: "batch", share: 0.25, timeout: nil),
        ]
        let report = try await LoadRunner.run(plan(peer, classes: classes))
        peer.stop()
        let log = peer.log
        let (critical, slow, batch) = (report.classes[0], report.classes[1], report.classes[2])
        #expect(report.total.offered == 60)
        #expect(critical.offered > 0 && slow.offered > 0 && batch.offered > 0, "\(report.classes)")
        #expect(critical.answered == critical.offered && critical.onTime == critical.offered)
        #expect(slow.answered == slow.offered, "the 40 ms replies come after later requests' and still match")
        #expect(slow.onTime == 0, "answered 40 ms after a 10 ms timeout: late")
        #expect(batch.refused == ["queue_full": batch.offered])
        #expect(try #require(slow.latency).p50 >= 40_000)
        #expect(log.problems.isEmpty, "\(log.problems)")
        #expect(log.repeatedIDs == 0)
        #expect(log.priorities == ["critical": critical.offered, "slow": slow.offered, "batch": batch.offered])
        #expect(log.timeouts == [5_000_000: critical.offered, 10_000: slow.offered, 0: batch.offered])
        #expect(report.json.serialized().contains(#""transport": "zeromq""#), "\(report.json.serialized())")
        expectEveryRequestCountedOnce(report)
    }

    @Test func unansweredAndUnreadableRepliesEndTheirRequests() async throws {
        let peer = try ProtocolTestPeer { $0 == "lost" ? .silent : .garbled }
        let classes = [
            TrafficClass(name: "lost", share: 0.5, timeout: nil),
            TrafficClass(name: "garbled", share: 0.5, timeout: nil),
        ]
        let report = try await LoadRunner.run(plan(peer, classes: classes, drainGrace: .milliseconds(100)))
        peer.stop()
        #expect(report.classes[0].errors == ["no_answer": report.classes[0].offered])
        #expect(report.classes[1].errors == ["bad_reply": report.classes[1].offered])
        #expect(report.drainSeconds >= 0.1)
        expectEveryRequestCountedOnce(report)
    }

    @Test(
        "priority and timeout as the plan says, for classes a (1 s) and b (no timeout)",
        arguments: [
            (false, false, ["a", "b"], [1_000_000, 0]),
            (true, false, ["1", "2"], [1_000_000, 0]),
            (false, true, ["", ""], [0, 0]),
        ] as [(Bool, Bool, [String], [UInt64])])
    func sendsEachClasssParameters(
        integer: Bool, withoutParameters: Bool, priorities: [String], timeouts: [UInt64]
    ) async throws {
        let peer = try ProtocolTestPeer { _ in .ok(delay: .zero) }
        let classes = [
            TrafficClass(name: "a", share: 0.5, timeout: .seconds(1)),
            TrafficClass(name: "b", share: 0.5, timeout: nil),
        ]
        let plan = try plan(
            peer, classes: classes, priorityAsInteger: integer, withoutClassParameters: withoutParameters)
        let report = try await LoadRunner.run(plan)
        peer.stop()
        let log = peer.log
        let offered = report.classes.map(\.offered)
        #expect(report.total.answered == 60)
        #expect(log.problems.isEmpty, "\(log.problems)")
        #expect(log.priorities == Dictionary(zip(priorities, offered), uniquingKeysWith: +))
        #expect(log.timeouts == Dictionary(zip(timeouts, offered), uniquingKeysWith: +))
    }

    @Test func requestsGoRoundTheSockets() async throws {
        let peer = try ProtocolTestPeer { _ in .ok(delay: .zero) }
        let report = try await LoadRunner.run(
            plan(peer, classes: [TrafficClass(name: "a", share: 1, timeout: nil)], connections: 3))
        peer.stop()
        #expect(report.total.answered == 60)
        #expect(report.plan.connections == 3)
        #expect(peer.log.peers.count == 3)
        #expect(report.text.contains("zeromq frames, 3 DEALER sockets"), "\(report.text)")
    }

    @Test func aModelWithoutAManifestFailsNamingTheFolder() async throws {
        let plan = LoadPlan(
            target: .zeroMQ(
                try ZeroMQEndpoint(parsing: "ipc:///nonexistent/agent", for: .connect), models: Self.models),
            model: "nope", duration: .milliseconds(50))
        let error = try await #require(throws: LoadError.self) { try await LoadRunner.run(plan) }
        #expect(error.kind == .manifestMissing)
        #expect(error.message.contains("--models \(Self.models): no usable manifest of model \"nope\""))
        #expect(error.message.contains("sensor-mlp"), "names the models it has: \(error.message)")
    }
}
