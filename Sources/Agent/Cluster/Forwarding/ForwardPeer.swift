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

/// The peers of the newest plan for this node, by model index: those each
/// model's overflow may go to; empty where there are none.
struct RouteTable: Sendable {
    var peers: [[ForwardPeer]]
    /// How a peer is picked among them.
    var routing: AgentConfiguration.Cluster.Routing

    /// No peers, for `modelCount` models.
    init(modelCount: Int) {
        peers = Array(repeating: [], count: modelCount)
        routing = .plan
    }

    /// The peers `plan` gives `node` for the repository's `models` (by
    /// name; a model this agent lacks is skipped): with `plan` routing the
    /// plan's routes from `node`; with `power-of-two` every other node the
    /// plan places the model on (no figures: the baseline knows none).
    init(_ plan: PublishedPlan, node: NodeID, models: [String], routing: AgentConfiguration.Cluster.Routing) {
        self.init(modelCount: models.count)
        self.routing = routing
        switch routing {
        case .plan:
            for route in plan.routes where route.node == node {
                guard let model = models.firstIndex(of: route.model) else { continue }
                peers[model] = route.peers.filter { $0.share > 0 }.map { ForwardPeer(route: $0) }
            }
        case .powerOfTwo:
            for other in plan.nodes where other.node != node && !other.ingressEndpoint.isEmpty {
                let placed = Set(other.domains.flatMap { $0.variants.map(\.model) })
                for (model, name) in models.enumerated() where placed.contains(name) {
                    peers[model].append(
                        ForwardPeer(
                            route: RoutePeer(
                                node: other.node, share: 1, ingressEndpoint: other.ingressEndpoint,
                                ingressPublicKey: other.ingressPublicKey)))
                }
            }
        case .off:
            break
        }
    }

    /// Whether each model has a peer to forward to.
    var routedModels: [Bool] { peers.map { !$0.isEmpty } }

    /// The number of models with a peer.
    var routeCount: Int { peers.filter { !$0.isEmpty }.count }
}
