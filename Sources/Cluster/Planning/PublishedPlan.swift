public import Scheduling

/// A plan as agents receive it: what each node's domains should have
/// loaded, the routing table and the default variants. It is the part of a
/// ``SitePlan`` that crosses the wire; the placements' states and rounds are
/// the coordinators' bookkeeping and stay with them.
public struct PublishedPlan: Sendable, Equatable {
    /// Grows with every plan; agents ignore one not above the newest they hold.
    public var epoch: UInt64
    /// The digest of the planner's inputs (``SitePlan/inputDigest``).
    public var inputDigest: UInt64
    /// The coordinator that published it.
    public var coordinator: NodeID
    /// Every live node, by node id.
    public var nodes: [NodeVariants]
    /// Where each (node, model) that cannot meet its demand sends the overflow.
    public var routes: [Route]
    /// The variant each model serves by default.
    public var defaultVariants: [ModelVariant]

    /// A published plan.
    public init(
        epoch: UInt64, inputDigest: UInt64, coordinator: NodeID, nodes: [NodeVariants], routes: [Route],
        defaultVariants: [ModelVariant]
    ) {
        self.epoch = epoch
        self.inputDigest = inputDigest
        self.coordinator = coordinator
        self.nodes = nodes
        self.routes = routes
        self.defaultVariants = defaultVariants
    }

    /// What `plan` publishes.
    public init(_ plan: SitePlan) {
        self.init(
            epoch: plan.epoch, inputDigest: plan.inputDigest, coordinator: plan.coordinator,
            nodes: plan.nodes.map { node in
                NodeVariants(
                    node: node.node, ingressEndpoint: node.ingressEndpoint, ingressPublicKey: node.ingressPublicKey,
                    domains: node.domains.map { DomainVariants(domain: $0.domain, variants: $0.loadedVariants) })
            },
            routes: plan.routes, defaultVariants: plan.defaultVariants)
    }

    /// The peers `node` sends overflow of `model` to; nil when it has no route.
    public func route(from node: NodeID, model: String) -> Route? {
        routes.first { $0.node == node && $0.model == model }
    }
}

/// The variants one node's domains should have loaded.
public struct NodeVariants: Sendable, Equatable {
    /// The node.
    public var node: NodeID
    /// Its ZeroMQ ingress, from its last report.
    public var ingressEndpoint: String
    /// Its ingress's CURVE server key, from its last report (empty: a plaintext ingress).
    public var ingressPublicKey: [UInt8]
    /// Its domains that have placements, by index.
    public var domains: [DomainVariants]

    /// A node's variants.
    public init(node: NodeID, ingressEndpoint: String = "", ingressPublicKey: [UInt8] = [], domains: [DomainVariants]) {
        self.node = node
        self.ingressEndpoint = ingressEndpoint
        self.ingressPublicKey = ingressPublicKey
        self.domains = domains
    }
}

/// The variants one domain should have loaded.
public struct DomainVariants: Sendable, Equatable {
    /// The domain.
    public var domain: DomainID
    /// Every variant of every placement in the domain.
    public var variants: [ModelVariant]

    /// A domain's variants.
    public init(domain: DomainID, variants: [ModelVariant]) {
        self.domain = domain
        self.variants = variants
    }
}
