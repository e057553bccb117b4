/// What a node was asked to do over its last interval, per model: the load
/// the planner must place and the routing table must absorb.
public struct DemandVector: Sendable, Equatable {
    /// One entry per model the node serves or was asked for.
    public var models: [ModelDemand]

    /// A vector of these models' demand.
    public init(models: [ModelDemand]) {
        self.models = models
    }
}

/// One model's demand on one node.
public struct ModelDemand: Sendable, Equatable {
    /// The model's name, as requests give it.
    public var model: String
    /// Per priority class, in the node's configured class order.
    public var classes: [ClassDemand]
    /// Tasks of the model queued on the node when the vector was taken.
    public var queueDepth: Int
    /// The node's current service-time estimate of each loaded variant.
    public var variants: [VariantEstimate]
    /// The variant the node's downgrade level serves by default now.
    public var variantInUse: String

    /// One model's demand.
    public init(
        model: String, classes: [ClassDemand], queueDepth: Int, variants: [VariantEstimate], variantInUse: String
    ) {
        self.model = model
        self.classes = classes
        self.queueDepth = queueDepth
        self.variants = variants
        self.variantInUse = variantInUse
    }
}

/// One priority class's rates for one model, per second over the interval.
public struct ClassDemand: Sendable, Equatable {
    /// The class's name (`critical`).
    public var className: String
    /// Requests that arrived.
    public var arrivalsPerSecond: Double
    /// Requests answered within their deadline.
    public var onTimePerSecond: Double
    /// Requests refused at admission (`queue_full`, `would_miss_deadline`, `overload`, …).
    public var refusedPerSecond: Double
    /// Admitted requests shed or expired before they ran.
    public var shedPerSecond: Double

    /// One class's rates.
    public init(
        className: String, arrivalsPerSecond: Double, onTimePerSecond: Double, refusedPerSecond: Double,
        shedPerSecond: Double
    ) {
        self.className = className
        self.arrivalsPerSecond = arrivalsPerSecond
        self.onTimePerSecond = onTimePerSecond
        self.refusedPerSecond = refusedPerSecond
        self.shedPerSecond = shedPerSecond
    }
}

/// A variant's estimated service time on the node that sent it.
public struct VariantEstimate: Sendable, Equatable {
    /// The variant's name (`int8`).
    public var variant: String
    /// The node's running estimate of one run, in milliseconds.
    public var serviceMilliseconds: Double

    /// An estimate.
    public init(variant: String, serviceMilliseconds: Double) {
        self.variant = variant
        self.serviceMilliseconds = serviceMilliseconds
    }
}
