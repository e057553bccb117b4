import Foundation
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
            placement.ingressEndpoint = node.ingressEndpoint
            placement.ingressPublicKey = Data(node.ingressPublicKey)
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
                share.peerIngressPublicKey = Data(peer.ingressPublicKey)
                share.peerQueueDepth = UInt64(max(peer.queueDepth, 0))
                share.peerServiceMs = peer.serviceMilliseconds
                share.peerWorkers = UInt32(clamping: peer.workers)
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
        let coordinator = try NodeID(wireName: message.coordinator, at: "plan: coordinator")
        var nodes: [NodeVariants] = []
        for (index, placement) in message.placements.enumerated() {
            nodes.append(
                NodeVariants(
                    node: try NodeID(wireName: placement.node, at: "plan: placements[\(index)].node"),
                    ingressEndpoint: placement.ingressEndpoint, ingressPublicKey: [UInt8](placement.ingressPublicKey),
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
                let at = "plan: routes[\(index)].shares[\(position)]"
                let queueDepth = try Int(wireCount: share.peerQueueDepth, at: "\(at).peer_queue_depth")
                peers.append(
                    RoutePeer(
                        node: try NodeID(wireName: share.peer, at: "\(at).peer"), share: share.share,
                        ingressEndpoint: share.peerIngressEndpoint,
                        ingressPublicKey: [UInt8](share.peerIngressPublicKey),
                        queueDepth: queueDepth,
                        serviceMilliseconds: share.peerServiceMs, workers: Int(share.peerWorkers)))
            }
            routes.append(
                Route(
                    node: try NodeID(wireName: route.node, at: "plan: routes[\(index)].node"), model: route.model,
                    peers: peers))
        }
        self.init(
            epoch: message.epoch, inputDigest: message.inputDigest, coordinator: coordinator, nodes: nodes,
            routes: routes,
            defaultVariants: message.defaultVariants.map(ModelVariant.init(protobuf:)))
    }
}
