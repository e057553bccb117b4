public import Scheduling

/// What a node can do, per execution domain: where the planner may put work.
public struct CapacityVector: Sendable, Equatable {
    /// One entry per execution domain of the node, by domain index.
    public var domains: [DomainCapacity]

    /// A vector of these domains.
    public init(domains: [DomainCapacity]) {
        self.domains = domains
    }
}

/// One execution domain's capacity.
public struct DomainCapacity: Sendable, Equatable {
    /// The domain on its node.
    public var domain: DomainID
    /// Pinned workers in the domain.
    public var workers: Int
    /// Share of the workers' time spent running tasks over the interval, 0 to 1.
    public var utilisation: Double
    /// Free memory of the domain's NUMA nodes, in bytes; nil without a sensor.
    public var freeMemoryBytes: UInt64?
    /// The hottest sensor of the domain's package, in degrees Celsius; nil without a sensor.
    public var temperatureCelsius: Double?
    /// The variants loaded and ready in the domain.
    public var loadedVariants: [ModelVariant]
    /// Requests per second the domain could take on top of its load, per model
    /// it has loaded, at the variant in use.
    public var spare: [ModelSpare]

    /// One domain's capacity.
    public init(
        domain: DomainID, workers: Int, utilisation: Double, freeMemoryBytes: UInt64?, temperatureCelsius: Double?,
        loadedVariants: [ModelVariant], spare: [ModelSpare]
    ) {
        self.domain = domain
        self.workers = workers
        self.utilisation = utilisation
        self.freeMemoryBytes = freeMemoryBytes
        self.temperatureCelsius = temperatureCelsius
        self.loadedVariants = loadedVariants
        self.spare = spare
    }
}

/// Spare requests per second for one model.
public struct ModelSpare: Sendable, Equatable {
    /// The model's name.
    public var model: String
    /// Requests per second the domain could add.
    public var requestsPerSecond: Double

    /// A model's spare rate.
    public init(model: String, requestsPerSecond: Double) {
        self.model = model
        self.requestsPerSecond = requestsPerSecond
    }
}
