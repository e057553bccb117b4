import Synchronization

/// A variant loaded in one domain, as the agent holds it: runs may start
/// until it is unloaded; unloading refuses new runs at once, and the
/// runtime's memory is returned when the last running task lets go of it.
public final class VariantInstance: Sendable {
    /// The model it belongs to.
    public let model: ModelManifest
    /// Which rung of the model it is.
    public let variant: VariantManifest
    /// The execution domain it is loaded in.
    public let domain: Int
    private let loaded: Mutex<(any LoadedVariant)?>

    /// Holds `loaded`, a variant loaded in `domain` by a worker of that domain.
    public init(model: ModelManifest, variant: VariantManifest, domain: Int, loaded: any LoadedVariant) {
        self.model = model
        self.variant = variant
        self.domain = domain
        self.loaded = Mutex(loaded)
    }

    /// Runs one inference on the calling thread; refused once unloaded.
    public func run(_ inputs: [Tensor]) throws(InferenceError) -> [Tensor] {
        guard let runtime = loaded.withLock({ $0 }) else {
            throw InferenceError(.unloaded, "\(model.name)/\(variant.name) is unloaded from domain \(domain)")
        }
        return try runtime.run(inputs)
    }

    /// Refuses new runs; running ones finish, then the memory is freed.
    public func unload() {
        loaded.withLock { $0 = nil }
    }

    /// False once ``unload()`` was called.
    public var isLoaded: Bool {
        loaded.withLock { $0 != nil }
    }

    /// The loaded session itself, while it is loaded: a caller that takes it
    /// (the agent, when it dispatches a task) runs it even if ``unload()``
    /// comes in between, and the memory is freed when the last holder lets go.
    public var session: (any LoadedVariant)? {
        loaded.withLock { $0 }
    }

    /// The thread that loaded it, while it is loaded.
    public var loadingThreadID: Int32? {
        loaded.withLock { $0?.loadingThreadID }
    }
}
