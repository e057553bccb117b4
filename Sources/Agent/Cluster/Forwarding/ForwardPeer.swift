import Cluster

/// One peer of this agent's route for a model, as the forwarding loop picks
/// among them: the plan's figures and a credit for weighted round robin.
struct ForwardPeer: Sendable {
    /// The plan's peer: node, share, ingress and last reported queue.
    var route: RoutePeer
    /// Smooth weighted round robin: each pick adds every eligible peer's
    /// share and takes the total from the one picked.
    var credit = 0.0
}

/// The routes of the newest plan for this node, by model index: the peers
/// each model's overflow may go to; empty where the plan routes none.
struct RouteTable: Sendable {
    var peers: [[ForwardPeer]]

    /// No routes, for `modelCount` models.
    init(modelCount: Int) {
        peers = Array(repeating: [], count: modelCount)
    }

    /// The routes `plan` gives `node`, for the repository's `models` (by
    /// name; a route for a model this agent lacks is skipped).
    init(_ plan: PublishedPlan, node: NodeID, models: [String]) {
        self.init(modelCount: models.count)
        for route in plan.routes where route.node == node {
            guard let model = models.firstIndex(of: route.model) else { continue }
            peers[model] = route.peers.filter { $0.share > 0 }.map { ForwardPeer(route: $0) }
        }
    }

    /// Whether each model has a peer to forward to.
    var routedModels: [Bool] { peers.map { !$0.isEmpty } }

    /// The number of routes with a peer.
    var routeCount: Int { peers.filter { !$0.isEmpty }.count }
}
