/// Bounds on what a manifest may declare, checked while the catalog loads
/// so that one broken manifest is a problem naming file, key and value, and
/// never a trap or an allocation that takes every model down. The defaults
/// fit edge models; the agent's configuration may raise them.
public struct CatalogLimits: Hashable, Sendable {
    /// Bounds on every input and output shape (with -1 taken as 1).
    public var tensors: TensorLimits
    /// The longest `service_ms` a variant may declare (default one minute):
    /// longer is a typo or a unit mistake, and would stall `models check`
    /// and the synthetic runtime.
    public var maximumServiceMilliseconds: Double
    /// The most `memory_mb` a variant may declare (default 1 TiB).
    public var maximumMemoryMegabytes: Double

    /// Limits with the defaults above unless given.
    public init(
        tensors: TensorLimits = TensorLimits(), maximumServiceMilliseconds: Double = 60_000,
        maximumMemoryMegabytes: Double = 1_048_576
    ) {
        self.tensors = tensors
        self.maximumServiceMilliseconds = maximumServiceMilliseconds
        self.maximumMemoryMegabytes = maximumMemoryMegabytes
    }
}
