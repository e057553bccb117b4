public import Scheduling

/// What the coordinator publishes each round: which variants each node's
/// domains should have loaded, where each node sends the demand it cannot
/// meet, and the variant each model serves by default.
///
/// Invariants (``checkInvariants()``): nodes sorted by id and unique, domains
/// sorted by index and unique per node, placements sorted by model and unique
/// per domain, routes sorted by (node, model) and unique, every route's peers
/// distinct, other than its node, with shares in 0...1 summing to at most 1,
/// default variants sorted by model.
public struct SitePlan: Sendable, Equatable {
    /// The round this plan was made for, given by the coordinator (the
    /// planner stamps it; see ``PlannerInput/epoch``). Agents ignore a plan
    /// older than the newest they hold.
    public var epoch: UInt64
    /// FNV-1a 64 over the canonical encoding of the inputs (``InputDigest``):
    /// two coordinators with the same inputs publish the same digest.
    public var inputDigest: UInt64
    /// The coordinator that made the plan.
    public var coordinator: NodeID
    /// Every live node, by node id; one without placements has no domains
    /// (so a later plan knows it, and does not take what it still reports
    /// loaded for copies to keep).
    public var nodes: [NodePlan]
    /// For each (node, model) whose demand exceeds what the node can serve,
    /// the peers that take the overflow; by node id, then model.
    public var routes: [Route]
    /// Per planned model, the variant served by default to requests whose
    /// class allows downgrades; by model.
    public var defaultVariants: [ModelVariant]

    /// A plan.
    public init(
        epoch: UInt64, inputDigest: UInt64, coordinator: NodeID, nodes: [NodePlan], routes: [Route],
        defaultVariants: [ModelVariant]
    ) {
        self.epoch = epoch
        self.inputDigest = inputDigest
        self.coordinator = coordinator
        self.nodes = nodes
        self.routes = routes
        self.defaultVariants = defaultVariants
    }

    /// Placements over all nodes and domains.
    public var placementCount: Int {
        nodes.reduce(0) { sum, node in sum + node.domains.reduce(0) { $0 + $1.placements.count } }
    }

    /// The default variant of `model`, nil for a model the plan does not name.
    public func defaultVariant(of model: String) -> String? {
        defaultVariants.first { $0.model == model }?.variant
    }
}

/// One node's placements.
public struct NodePlan: Sendable, Equatable {
    /// The node.
    public var node: NodeID
    /// Its ZeroMQ ingress, from its last report.
    public var ingressEndpoint: String
    /// Its ingress's CURVE server key, from its last report (empty: a plaintext ingress).
    public var ingressPublicKey: [UInt8]
    /// Its domains that hold at least one placement, by index.
    public var domains: [DomainPlan]

    /// A node's placements.
    public init(node: NodeID, ingressEndpoint: String = "", ingressPublicKey: [UInt8] = [], domains: [DomainPlan]) {
        self.node = node
        self.ingressEndpoint = ingressEndpoint
        self.ingressPublicKey = ingressPublicKey
        self.domains = domains
    }
}

/// One domain's placements.
public struct DomainPlan: Sendable, Equatable {
    /// The domain on its node.
    public var domain: DomainID
    /// The models placed in the domain, by model name.
    public var placements: [Placement]

    /// A domain's placements.
    public init(domain: DomainID, placements: [Placement]) {
        self.domain = domain
        self.placements = placements
    }

    /// The variants the domain should have loaded: every variant of every
    /// placement, in placement order (what the wire format carries).
    public var loadedVariants: [ModelVariant] {
        placements.flatMap { placement in placement.variants.map { ModelVariant(model: placement.model, variant: $0) }
        }
    }
}

/// A model placed in a domain: the variants the domain loads for it and
/// where the copy stands in make-before-break.
public struct Placement: Sendable, Equatable {
    /// The model.
    public var model: String
    /// The variants to load: the model's default variant and every cheaper
    /// one after it, in preference order, so the agent can still downgrade
    /// under pressure.
    public var variants: [String]
    /// Where the copy stands.
    public var state: PlacementState
    /// Rounds the copy has been in its state (0 in the round it entered it).
    public var rounds: Int
    /// For a warming copy that moves another: the copy it replaces, which
    /// stays loaded (draining) until this one is reported loaded.
    public var replaces: PlacementKey?

    /// A placement.
    public init(model: String, variants: [String], state: PlacementState, rounds: Int, replaces: PlacementKey? = nil) {
        self.model = model
        self.variants = variants
        self.state = state
        self.rounds = rounds
        self.replaces = replaces
    }
}

/// Where a copy stands in make-before-break.
public enum PlacementState: String, Sendable, Equatable {
    /// Ordered loaded; not yet reported loaded by its node, so no route
    /// points at it.
    case warming
    /// Reported loaded; serves its node and the routes that name it.
    case serving
    /// To be unloaded once the copy replacing it is reported loaded; serves
    /// on until then, and the planner never moves it twice.
    case draining
}

/// A placement's address: a model in a node's domain.
public struct PlacementKey: Hashable, Sendable, Comparable {
    /// The node.
    public var node: NodeID
    /// The domain on the node.
    public var domain: DomainID
    /// The model.
    public var model: String

    /// A placement's address.
    public init(node: NodeID, domain: DomainID, model: String) {
        self.node = node
        self.domain = domain
        self.model = model
    }

    /// By node, domain, then model.
    public static func < (lhs: PlacementKey, rhs: PlacementKey) -> Bool {
        if lhs.node != rhs.node { return lhs.node < rhs.node }
        if lhs.domain != rhs.domain { return lhs.domain < rhs.domain }
        return lhs.model < rhs.model
    }
}

/// Where one node sends the demand for one model it cannot meet.
public struct Route: Sendable, Equatable {
    /// The overloaded node.
    public var node: NodeID
    /// The model.
    public var model: String
    /// The peers, largest share first (ties by node id); at most
    /// ``PlannerConfiguration/maximumPeersPerRoute``.
    public var peers: [RoutePeer]

    /// A route.
    public init(node: NodeID, model: String, peers: [RoutePeer]) {
        self.node = node
        self.model = model
        self.peers = peers
    }
}

/// One peer of a route.
public struct RoutePeer: Sendable, Equatable {
    /// The peer.
    public var node: NodeID
    /// The share of the node's overflow this peer takes, 0 to 1; a route's
    /// shares sum to at most 1 (less when the site cannot absorb it all).
    public var share: Double
    /// The peer's ZeroMQ ingress, from its last report.
    public var ingressEndpoint: String
    /// The CURVE server key of the peer's ingress, from its last report
    /// (empty: a plaintext ingress): a forwarding socket's server key.
    public var ingressPublicKey: [UInt8]
    /// What the sender predicts a forwarded request's completion from, as
    /// of the peer's last report: its requests queued for the model, its
    /// estimate of one run in ms (0: none reported) and the workers of the
    /// domains serving it.
    public var queueDepth: Int
    public var serviceMilliseconds: Double
    public var workers: Int

    /// A peer.
    public init(
        node: NodeID, share: Double, ingressEndpoint: String, ingressPublicKey: [UInt8] = [], queueDepth: Int = 0,
        serviceMilliseconds: Double = 0, workers: Int = 1
    ) {
        self.node = node
        self.share = share
        self.ingressEndpoint = ingressEndpoint
        self.ingressPublicKey = ingressPublicKey
        self.queueDepth = queueDepth
        self.serviceMilliseconds = serviceMilliseconds
        self.workers = workers
    }

    /// When a request sent now, behind `sentBefore` requests already sent
    /// there since the report, would finish: the queue ahead of it shared
    /// over the workers, then its own run.
    public func predictedCompletionMilliseconds(sentBefore: Int) -> Double {
        Double(queueDepth + sentBefore) * serviceMilliseconds / Double(max(workers, 1)) + serviceMilliseconds
    }
}
