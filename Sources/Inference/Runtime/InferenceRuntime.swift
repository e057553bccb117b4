/// A runtime that turns a variant's manifest into something that runs:
/// ONNX Runtime, or the synthetic runtime.
public protocol InferenceRuntime: Sendable {
    /// Loads a variant on the calling thread. The agent calls it on a worker
    /// of the domain that will run the variant, after the worker's memory
    /// policy is set, so the weights land on the domain's node.
    func load(_ variant: VariantManifest, of model: ModelManifest) throws(InferenceError) -> any LoadedVariant
}

/// A variant loaded in one domain, ready to run.
public protocol LoadedVariant: AnyObject, Sendable {
    /// The kernel thread id of the thread that loaded it.
    var loadingThreadID: Int32 { get }
    /// Whether its outputs are real inference (false: synthetic arithmetic).
    var isSynthetic: Bool { get }
    /// What the load decided, for the agent's log (a synthetic variant's
    /// calibrated work); nil when there is nothing to say.
    var loadNote: String? { get }
    /// Runs one inference on the calling thread; the inputs have been checked
    /// against the manifest.
    func run(_ inputs: [Tensor]) throws(InferenceError) -> [Tensor]
}

extension LoadedVariant {
    /// Nothing to say about the load.
    public var loadNote: String? { nil }
}
