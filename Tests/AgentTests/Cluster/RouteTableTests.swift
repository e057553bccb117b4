import Cluster
import Scheduling
import Testing

@testable import Agent

/// What a plan gives the forwarding loop: the node's own routes, or with
/// power-of-two every other node holding the model.
struct RouteTableTests {
    static func node(_ name: String) throws -> NodeID { try NodeID(name) }

    static func plan() throws -> PublishedPlan {
        let placed = { (name: String, endpoint: String, models: [String]) throws -> NodeVariants in
            NodeVariants(
                node: try node(name), ingressEndpoint: endpoint,
                domains: [
                    DomainVariants(
                        domain: DomainID(0), variants: models.map { ModelVariant(model: $0, variant: "full") })
                ])
        }
        return PublishedPlan(
            epoch: 4, inputDigest: 1, coordinator: try node("coordinator-a"),
            nodes: [
                try placed("gw-1", "tcp://10.0.0.1:5555", ["a", "b"]),
                try placed("gw-2", "tcp://10.0.0.2:5555", ["a"]),
                try placed("gw-3", "tcp://10.0.0.3:5555", ["a", "b"]),
            ],
            routes: [
                Route(
                    node: try node("gw-1"), model: "a",
                    peers: [
                        RoutePeer(node: try node("gw-3"), share: 0.7, ingressEndpoint: "tcp://10.0.0.3:5555"),
                        RoutePeer(node: try node("gw-2"), share: 0, ingressEndpoint: "tcp://10.0.0.2:5555"),
                    ]),
                Route(
                    node: try node("gw-2"), model: "a",
                    peers: [RoutePeer(node: try node("gw-1"), share: 1, ingressEndpoint: "tcp://10.0.0.1:5555")]),
            ],
            defaultVariants: [ModelVariant(model: "a", variant: "full"), ModelVariant(model: "b", variant: "full")])
    }

    @Test func planRoutingTakesTheNodesOwnRoutesWithAShare() throws {
        let table = RouteTable(try Self.plan(), node: try Self.node("gw-1"), models: ["b", "a", "c"], routing: .plan)
        #expect(table.peers[1].map(\.route.node.name) == ["gw-3"], "a share of 0 is no peer")
        #expect(table.peers[0].isEmpty && table.peers[2].isEmpty)
        #expect(table.routedModels == [false, true, false])
    }

    @Test func powerOfTwoTakesEveryOtherNodeHoldingTheModel() throws {
        let table = RouteTable(
            try Self.plan(), node: try Self.node("gw-1"), models: ["a", "b"], routing: .powerOfTwo)
        #expect(table.peers[0].map(\.route.node.name) == ["gw-2", "gw-3"])
        #expect(table.peers[1].map(\.route.ingressEndpoint) == ["tcp://10.0.0.3:5555"])
        #expect(table.routeCount == 2)
    }

    @Test func aPeersPredictedCompletionIsItsQueueSharedOverItsWorkersThenOneRun() throws {
        let peer = RoutePeer(
            node: try Self.node("gw-9"), share: 1, ingressEndpoint: "tcp://h:1", queueDepth: 6, serviceMilliseconds: 2,
            workers: 4)
        #expect(peer.predictedCompletionMilliseconds(sentBefore: 0) == 5)
        #expect(peer.predictedCompletionMilliseconds(sentBefore: 2) == 6)
    }

    @Test func onlyRefusalsForWantOfRoomAreForwarded() {
        let forwardable = RefusalReason.allCases.filter(Overflow.isForwardable)
        #expect(Set(forwardable) == [.queueFull, .wouldMissDeadline, .overload])
    }
}
