import Cluster
import Testing

/// The planner's decisions on small sites, one behaviour each.
@Suite struct PlannerTests {
    typealias Load = PlannerFixtures.Load

    /// `hot` needs 300/s of `detect` and serves 100/s: 215/s over headroom
    /// (0.85 × 100). `idle` can take 0.85 × 200 = 170/s, `spare` 85/s, `full` none.
    private func overloadedSite() throws -> [NodeReport] {
        [
            try PlannerFixtures.node("hot", demand: [Load(standard: 300, refused: 200)], loaded: ["detect"]),
            try PlannerFixtures.node("idle", loaded: ["detect"], spare: ["detect": 200]),
            try PlannerFixtures.node("spare", loaded: ["detect"], spare: ["detect": 100]),
            try PlannerFixtures.node("full", loaded: ["detect"], spare: ["detect": 0]),
        ]
    }

    @Test func overloadedNodeRoutesItsOverflowToIdlePeersLargestFirst() throws {
        let plan = try PlannerFixtures.plan(overloadedSite(), configuration: PlannerFixtures.configuration())
        let route = try #require(PlannerFixtures.route("detect", from: "hot", in: plan))
        #expect(route.peers.map(\.node.name) == ["idle", "spare"])
        #expect(abs(route.peers[0].share - 170.0 / 215.0) < 1e-9)
        #expect(abs(route.peers[1].share - 45.0 / 215.0) < 1e-9)
        #expect(abs(route.peers.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        #expect(route.peers[0].ingressEndpoint == "tcp://127.0.0.1:7400")
        #expect(plan.routes.count == 1)
    }

    @Test func nodeWithNoSpareIsNeverARouteTarget() throws {
        let reports = [
            try PlannerFixtures.node("hot", demand: [Load(standard: 300, refused: 200)], loaded: ["detect"]),
            try PlannerFixtures.node("full", loaded: ["detect"], spare: ["detect": 0]),
            try PlannerFixtures.node("spare", loaded: ["detect"], spare: ["detect": 100]),
        ]
        let plan = try PlannerFixtures.plan(reports, configuration: PlannerFixtures.configuration())
        #expect(PlannerFixtures.route("detect", from: "hot", in: plan)?.peers.map(\.node.name) == ["spare"])
    }

    @Test func sharesSumBelowOneWhenPeersCannotAbsorbTheOverflow() throws {
        let reports = [
            try PlannerFixtures.node("hot", demand: [Load(critical: 300, refused: 200)], loaded: ["detect"]),
            try PlannerFixtures.node("spare", loaded: ["detect"], spare: ["detect": 100]),
        ]
        let plan = try PlannerFixtures.plan(reports, configuration: PlannerFixtures.configuration())
        let route = try #require(PlannerFixtures.route("detect", from: "hot", in: plan))
        #expect(route.peers.map(\.node.name) == ["spare"])
        #expect(abs(route.peers[0].share - 85.0 / 215.0) < 1e-9)
    }

    @Test func sameInputsAndPreviousPlanMoveNothing() throws {
        let configuration = try PlannerFixtures.configuration()
        let first = try PlannerFixtures.plan(overloadedSite(), configuration: configuration)
        let second = try PlannerFixtures.plan(overloadedSite(), previous: first, configuration: configuration)
        #expect(second.nodes.map(\.node) == first.nodes.map(\.node))
        for (before, after) in zip(first.nodes, second.nodes) {
            #expect(
                after.domains.map { $0.placements.map(\.model) } == before.domains.map { $0.placements.map(\.model) })
            #expect(after.domains.flatMap(\.placements).allSatisfy { $0.state == .serving })
        }
        #expect(second.routes == first.routes)
    }

    @Test func newCopiesPerRoundStopAtTheMoveCap() throws {
        var reports = [
            try PlannerFixtures.node("hot", demand: [Load(standard: 5000, refused: 4900)], loaded: ["detect"])
        ]
        for index in 0..<10 {
            reports.append(try PlannerFixtures.node("empty-\(index)", utilisation: 0))
        }
        let plan = try PlannerFixtures.plan(
            reports, configuration: PlannerFixtures.configuration(maximumMovesPerRound: 4))
        let warming = plan.nodes.flatMap { $0.domains.flatMap(\.placements) }.filter { $0.state == .warming }
        #expect(warming.count == 4)
        #expect(warming.allSatisfy { $0.model == "detect" && $0.rounds == 0 })
    }

    /// `stale` holds `detect` past its residency, serving nobody (its domain
    /// is full with `other`); `hot` is short and `empty` has room.
    private func moveSite(emptyLoaded: Bool) throws -> [NodeReport] {
        [
            try PlannerFixtures.node("hot", demand: [Load(standard: 1000, refused: 900)], loaded: ["detect"]),
            try PlannerFixtures.node(
                "stale", demand: [Load(model: "other", standard: 400)], loaded: ["detect", "other"], utilisation: 1),
            try PlannerFixtures.node(
                "empty", loaded: emptyLoaded ? ["detect"] : [], spare: ["detect": 150],
                utilisation: emptyLoaded ? 0.3 : 0),
        ]
    }

    private func moveStart() throws -> SitePlan {
        try PlannerFixtures.previousPlan([
            ("hot", "detect", .serving, 5), ("stale", "detect", .serving, 5), ("stale", "other", .serving, 5),
        ])
    }

    @Test func aMovedCopyDrainsUntilItsReplacementIsReportedLoaded() throws {
        let configuration = try PlannerFixtures.configuration()
        let ordered = try PlannerFixtures.plan(
            moveSite(emptyLoaded: false), previous: moveStart(), configuration: configuration)
        let warming = try #require(PlannerFixtures.placement("detect", on: "empty", in: ordered))
        #expect(warming.state == .warming)
        #expect(warming.replaces?.node.name == "stale")
        #expect(PlannerFixtures.placement("detect", on: "stale", in: ordered)?.state == .draining)
        #expect(!ordered.routes.flatMap(\.peers).contains { $0.node.name == "empty" })

        let stillLoading = try PlannerFixtures.plan(
            moveSite(emptyLoaded: false), previous: ordered, configuration: configuration)
        #expect(PlannerFixtures.placement("detect", on: "stale", in: stillLoading)?.state == .draining)
        #expect(PlannerFixtures.placement("detect", on: "empty", in: stillLoading)?.state == .warming)

        let switched = try PlannerFixtures.plan(
            moveSite(emptyLoaded: true), previous: stillLoading, configuration: configuration)
        #expect(PlannerFixtures.placement("detect", on: "empty", in: switched)?.state == .serving)
        #expect(PlannerFixtures.placement("detect", on: "stale", in: switched) == nil)
        #expect(PlannerFixtures.route("detect", from: "hot", in: switched)?.peers.map(\.node.name) == ["empty"])
    }

    @Test func aFailedLoadKeepsTheOldCopy() throws {
        let configuration = try PlannerFixtures.configuration(loadTimeoutRounds: 3)
        var plan = try PlannerFixtures.plan(
            moveSite(emptyLoaded: false), previous: moveStart(), configuration: configuration)
        #expect(PlannerFixtures.placement("detect", on: "stale", in: plan)?.state == .draining)
        for _ in 1..<3 {
            plan = try PlannerFixtures.plan(moveSite(emptyLoaded: false), previous: plan, configuration: configuration)
            #expect(PlannerFixtures.placement("detect", on: "stale", in: plan)?.state == .draining)
        }
        plan = try PlannerFixtures.plan(moveSite(emptyLoaded: false), previous: plan, configuration: configuration)
        let kept = try #require(PlannerFixtures.placement("detect", on: "stale", in: plan))
        #expect(kept.state == .serving)
        #expect(PlannerFixtures.placement("detect", on: "empty", in: plan)?.replaces == nil)
    }

    @Test func anIdleCopyStaysForTheMinimumResidencyThenGoes() throws {
        let configuration = try PlannerFixtures.configuration(minimumResidencyRounds: 2)
        let reports = [
            try PlannerFixtures.node("busy", demand: [Load(standard: 50)], loaded: ["detect"], spare: ["detect": 200]),
            try PlannerFixtures.node("idle", loaded: ["detect"], spare: ["detect": 300]),
        ]
        var plan = try PlannerFixtures.plan(
            reports,
            previous: PlannerFixtures.previousPlan([("busy", "detect", .serving, 9), ("idle", "detect", .serving, 0)]),
            configuration: configuration)
        #expect(PlannerFixtures.placement("detect", on: "idle", in: plan)?.rounds == 1)
        plan = try PlannerFixtures.plan(reports, previous: plan, configuration: configuration)
        #expect(PlannerFixtures.placement("detect", on: "idle", in: plan) == nil)
        #expect(PlannerFixtures.placement("detect", on: "busy", in: plan)?.state == .serving)
    }

    @Test func theLastReplicaIsKeptWhenIdle() throws {
        let configuration = try PlannerFixtures.configuration(minimumResidencyRounds: 0, minimumReplicas: 1)
        let reports = [try PlannerFixtures.node("idle", loaded: ["detect"], spare: ["detect": 300])]
        let plan = try PlannerFixtures.plan(
            reports, previous: PlannerFixtures.previousPlan([("idle", "detect", .serving, 9)]),
            configuration: configuration)
        #expect(PlannerFixtures.placement("detect", on: "idle", in: plan)?.state == .serving)
    }

    /// One node serving `detect` at 200/s (fp32), nowhere to add a copy.
    private func lonelySite(standard: Double, critical: Double = 0, variant: String = "fp32") throws -> [NodeReport] {
        let scale = variant == "int8" ? 2.0 : 1.0
        let capacity = 200 * scale
        let demand = standard + critical
        let served = min(demand, capacity)
        return [
            try PlannerFixtures.node(
                "lonely",
                demand: [Load(standard: standard, critical: critical, refused: demand - served, variantInUse: variant)],
                loaded: ["detect"], spare: ["detect": capacity - served], freeMemory: 0)
        ]
    }

    @Test func defaultVariantIsLoweredWhenDemandExceedsCapacityAndRestoredWhenItFits() throws {
        let configuration = try PlannerFixtures.configuration()
        let lowered = try PlannerFixtures.plan(lonelySite(standard: 300), configuration: configuration)
        #expect(lowered.defaultVariant(of: "detect") == "int8")
        #expect(PlannerFixtures.placement("detect", on: "lonely", in: lowered)?.variants == ["int8"])

        let nearTheEdge = try PlannerFixtures.plan(
            lonelySite(standard: 160, variant: "int8"), previous: lowered, configuration: configuration)
        #expect(nearTheEdge.defaultVariant(of: "detect") == "int8", "160/s fits in 170/s but not in 0.9 × 170/s")

        let restored = try PlannerFixtures.plan(
            lonelySite(standard: 100, variant: "int8"), previous: nearTheEdge, configuration: configuration)
        #expect(restored.defaultVariant(of: "detect") == "fp32")
        #expect(PlannerFixtures.placement("detect", on: "lonely", in: restored)?.variants == ["fp32", "int8"])
    }

    @Test func defaultVariantStaysWhenTheDemandsClassesForbidDowngrades() throws {
        let plan = try PlannerFixtures.plan(
            lonelySite(standard: 0, critical: 300), configuration: PlannerFixtures.configuration())
        #expect(plan.defaultVariant(of: "detect") == "fp32")
    }

    @Test func aDroppedNodesModelIsPlacedAgain() throws {
        let configuration = try PlannerFixtures.configuration()
        let before = try PlannerFixtures.plan(
            [
                try PlannerFixtures.node(
                    "keeper", demand: [Load(standard: 50)], loaded: ["detect"], spare: ["detect": 200]),
                try PlannerFixtures.node("other-host", loaded: ["other"], spare: ["other": 100], utilisation: 0.1),
            ], configuration: configuration)
        #expect(PlannerFixtures.placement("detect", on: "keeper", in: before) != nil)
        let after = try PlannerFixtures.plan(
            [try PlannerFixtures.node("other-host", loaded: ["other"], spare: ["other": 100], utilisation: 0.1)],
            previous: before, configuration: configuration)
        #expect(!after.nodes.contains { $0.node.name == "keeper" })
        #expect(PlannerFixtures.placement("detect", on: "other-host", in: after)?.state == .warming)
    }

    @Test func aNodeListedTwiceCountsByItsNewestReport() throws {
        let old = try PlannerFixtures.node(
            "hot", demand: [Load(standard: 300, refused: 200)], loaded: ["detect"], sequence: 1)
        let new = try PlannerFixtures.node(
            "hot", demand: [Load(standard: 50)], loaded: ["detect"], spare: ["detect": 100], sequence: 2)
        let peer = try PlannerFixtures.node("idle", loaded: ["detect"], spare: ["detect": 200])
        let plan = try PlannerFixtures.plan([new, peer, old], configuration: PlannerFixtures.configuration())
        #expect(plan.routes.isEmpty)
        #expect(plan.nodes.map(\.node.name) == ["hot", "idle"])
    }

    @Test func thePlanCarriesTheGivenEpochAndADigestOfItsInputs() throws {
        let configuration = try PlannerFixtures.configuration()
        let first = try PlannerFixtures.plan(overloadedSite(), configuration: configuration)
        #expect(first.epoch == 1)
        #expect(first.coordinator.name == "coordinator-a")
        var changed = try overloadedSite()
        changed[0].demand.models[0].classes[1].arrivalsPerSecond += 1
        #expect(try PlannerFixtures.plan(changed, configuration: configuration).inputDigest != first.inputDigest)
        #expect(
            try PlannerFixtures.plan(overloadedSite(), configuration: configuration).inputDigest == first.inputDigest)
    }
}
