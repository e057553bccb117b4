/// A model as its manifest (`models/<name>.yaml`) describes it: its tensors
/// and the ladder of variants the scheduler may downgrade along.
public struct ModelManifest: Hashable, Sendable {
    /// The name requests use (unique in a catalog).
    public var name: String
    /// What the model does, for people.
    public var description: String
    /// The tensors a request must give, each once.
    public var inputs: [TensorSpec]
    /// The tensors every variant answers with.
    public var outputs: [TensorSpec]
    /// Preferred first.
    public var variants: [VariantManifest]
    /// Where and when the agent loads it.
    public var placement: PlacementHints
    /// The manifest file, for messages.
    public var file: String
    /// Variants the manifest declares that were left out, with the reason, in ladder order.
    public var unavailable: [UnavailableVariant]

    /// A manifest from its parts; ``ModelCatalog/load(folder:)`` reads them from files.
    public init(
        name: String,
        description: String,
        inputs: [TensorSpec],
        outputs: [TensorSpec],
        variants: [VariantManifest],
        placement: PlacementHints,
        file: String,
        unavailable: [UnavailableVariant] = []
    ) {
        self.name = name
        self.description = description
        self.inputs = inputs
        self.outputs = outputs
        self.variants = variants
        self.placement = placement
        self.file = file
        self.unavailable = unavailable
    }

    /// The variant of that name.
    public func variant(named name: String) -> VariantManifest? {
        variants.first { $0.name == name }
    }

    /// The left-out variants ranked above the first one that serves: why the
    /// preferred variant does not serve, when it does not.
    public var unavailableAbovePreferred: [UnavailableVariant] {
        var rung = 0
        while unavailable.contains(where: { $0.rung == rung }) { rung += 1 }
        return unavailable.filter { $0.rung < rung }
    }
}

/// One rung of a model's ladder.
public struct VariantManifest: Hashable, Sendable {
    /// The name requests and the scheduler use (e.g. `int8`).
    public var name: String
    /// Which runtime runs it.
    public var runtime: RuntimeKind
    /// The model file, resolved against the manifest's folder; nil for a
    /// synthetic variant.
    public var path: String?
    /// Reported accuracy (e.g. agreement with the preferred variant), if known.
    public var accuracy: Double?
    /// The first estimate of one inference's service time.
    public var serviceTime: Duration
    /// Memory it needs loaded, from the manifest (for placement).
    public var memoryMegabytes: Double

    /// A variant from its parts.
    public init(
        name: String, runtime: RuntimeKind, path: String?, accuracy: Double?, serviceTime: Duration,
        memoryMegabytes: Double
    ) {
        self.name = name
        self.runtime = runtime
        self.path = path
        self.accuracy = accuracy
        self.serviceTime = serviceTime
        self.memoryMegabytes = memoryMegabytes
    }
}

/// Which runtime runs a variant.
public enum RuntimeKind: String, CaseIterable, Hashable, Sendable {
    /// ONNX Runtime, loaded from libonnxruntime.so.
    case onnxruntime
    /// Arithmetic sized to the variant's service time, for benchmarks and
    /// simulation; its output is a checksum, and it says so wherever it shows.
    case synthetic
}

/// Where the agent loads a model.
public struct PlacementHints: Hashable, Sendable {
    /// How many execution domains load the model.
    public enum Domains: Hashable, Sendable {
        /// Every execution domain.
        case all
        /// This many domains (the least loaded).
        case count(Int)
    }

    /// How many domains load it.
    public var domains: Domains
    /// Load at start rather than on first use.
    public var preload: Bool

    /// Hints as a manifest without a `placement` key gives them: every domain, at start.
    public init(domains: Domains = .all, preload: Bool = true) {
        self.domains = domains
        self.preload = preload
    }
}
