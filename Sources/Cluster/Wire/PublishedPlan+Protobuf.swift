import Scheduling

/// The mapping between `PublishedPlan` and its generated protobuf message,
/// field for field; `ClusterWire` validates both ways.
extension PublishedPlan {
    /// The plan as its protobuf message.
    var protobuf: Edgesched_Cluster_V1_Plan {
        var message = Edgesched_Cluster_V1_Plan()
        message.epoch = epoch
        message.inputDigest = inputDigest
        message.coordinator = coordinator.name
        message.placements = nodes.map { node in
            var placement = Edgesched_Cluster_V1_NodePlacement()
            placement.node = node.node.name
            placement.domains = node.domains.map { domain in
                var variants = Edgesched_Cluster_V1_DomainPlacement()
                variants.domain = UInt32(clamping: domain.domain.index)
                variants.variants = domain.variants.map(\.protobuf)
                return variants
            }
            return placement
        }
        message.routes = routes.map { route in
            var entry = Edgesched_Cluster_V1_Route()
            entry.node = route.node.name
            entry.model = route.model
            entry.shares = route.peers.map { peer in
                var share = Edgesched_Cluster_V1_RouteShare()
                share.peer = peer.node.name
                share.share = peer.share
                share.peerIngressEndpoint = peer.ingressEndpoint
                return share
            }
            return entry
        }
        message.defaultVariants = defaultVariants.map(\.protobuf)
        return message
    }

    /// The plan `message` carries; throws `invalidField` for a node id that
    /// is not one. Limits are `validate(against:)`'s.
    init(protobuf message: Edgesched_Cluster_V1_Plan) throws(ClusterError) {
        let coordinator = try Self.node(message.coordinator, at: "coordinator")
        var nodes: [NodeVariants] = []
        for (index, placement) in message.placements.enumerated() {
            nodes.append(
                NodeVariants(
                    node: try Self.node(placement.node, at: "placements[\(index)].node"),
                    domains: placement.domains.map { domain in
                        DomainVariants(
                            domain: DomainID(Int(domain.domain)),
                            variants: domain.variants.map(ModelVariant.init(protobuf:)))
                    }))
        }
        var routes: [Route] = []
        for (index, route) in message.routes.enumerated() {
            var peers: [RoutePeer] = []
            for (position, share) in route.shares.enumerated() {
                peers.append(
                    RoutePeer(
                        node: try Self.node(share.peer, at: "routes[\(index)].shares[\(position)].peer"),
                        share: share.share, ingressEndpoint: share.peerIngressEndpoint))
            }
            routes.append(
                Route(node: try Self.node(route.node, at: "routes[\(index)].node"), model: route.model, peers: peers))
        }
        self.init(
            epoch: message.epoch, inputDigest: message.inputDigest, coordinator: coordinator, nodes: nodes,
            routes: routes,
            defaultVariants: message.defaultVariants.map(ModelVariant.init(protobuf:)))
    }

    private static func node(_ name: String, at path: String) throws(ClusterError) -> NodeID {
        do {
            return try NodeID(name)
        } catch {
            throw ClusterError(.invalidField, "plan: \(path): \(error.message)")
        }
    }
}
