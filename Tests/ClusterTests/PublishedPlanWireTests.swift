import Cluster
import Scheduling
import Testing

/// A planner's plan through the wire as agents receive it, and the plans a
/// receiver must refuse.
@Suite struct PublishedPlanWireTests {
    typealias Load = PlannerFixtures.Load

    private func overloadedPlan() throws -> SitePlan {
        try PlannerFixtures.plan(
            [
                try PlannerFixtures.node("hot", demand: [Load(standard: 300, refused: 200)], loaded: ["detect"]),
                try PlannerFixtures.node("idle", loaded: ["detect"], spare: ["detect": 200]),
                try PlannerFixtures.node("spare", loaded: ["detect"], spare: ["detect": 100]),
            ], configuration: PlannerFixtures.configuration())
    }

    @Test func aPlannedPlanRoundTripsWithItsRoutesPlacementsAndDefaults() throws {
        let plan = try overloadedPlan()
        let published = PublishedPlan(plan)
        let frames = try ClusterWire().encode(published)
        #expect(frames.count == 2)
        #expect(Array(frames[0].prefix(4)) == Array("ESCL".utf8))
        #expect(frames[0][6] == 2, "kind 2: a plan")
        let decoded = try ClusterWire().decodePlan(frames)
        #expect(decoded == published)
        #expect(decoded.epoch == plan.epoch && decoded.inputDigest == plan.inputDigest)
        let route = try #require(decoded.route(from: try NodeID("hot"), model: "detect"))
        #expect(route.peers.map(\.node.name) == ["idle", "spare"])
        #expect(decoded.nodes.map(\.node.name) == plan.nodes.map(\.node.name))
        #expect(
            decoded.nodes.flatMap(\.domains).flatMap(\.variants).contains(
                ModelVariant(model: "detect", variant: "fp32")))
    }

    @Test func aReportIsNotAPlan() throws {
        let plan = PublishedPlan(try overloadedPlan())
        let frames = try ClusterWire().encode(plan)
        #expect {
            try ClusterWire().decodeReport(frames)
        } throws: { ($0 as? ClusterError)?.dropReason == .undecodable }
    }

    @Test(
        "a plan a receiver would refuse is refused when encoded, naming the field",
        arguments: [
            ("share 1.5", "routes[0].shares[0].share is 1.5"),
            ("shares over 1", "routes[0].shares sum to 1.2"),
            ("peer is the node", "routes[0].shares[0].peer is the route's own node"),
            ("epoch 0", "epoch is 0"),
            ("empty model", "routes[0].model is empty"),
        ])
    func refusesAPlanOutsideItsLimits(change: String, message: String) throws {
        var plan = PublishedPlan(try overloadedPlan())
        switch change {
        case "share 1.5": plan.routes[0].peers[0].share = 1.5
        case "shares over 1":
            plan.routes[0].peers[0].share = 0.6
            plan.routes[0].peers[1].share = 0.6
        case "peer is the node": plan.routes[0].peers[0].node = plan.routes[0].node
        case "epoch 0": plan.epoch = 0
        default: plan.routes[0].model = ""
        }
        #expect {
            try ClusterWire().encode(plan)
        } throws: { error in
            guard let error = error as? ClusterError, error.kind == .invalidField else { return false }
            let found = error.description.contains(message)
            if !found { Issue.record("\(change): \(error)") }
            return found
        }
    }

    @Test func aBookKeepsTheNewestPlanAndDropsAnOlderEpoch() throws {
        var book = PlanBook()
        let plan = PublishedPlan(try overloadedPlan())
        #expect(book.offer(plan) == nil)
        var older = plan
        older.epoch -= 1
        #expect(book.offer(older) == .oldEpoch)
        #expect(book.newest?.epoch == plan.epoch)
    }
}
