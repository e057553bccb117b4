/// Runs variants with ONNX Runtime: one session per (variant, domain),
/// created on the calling thread (a worker of the domain, its memory policy
/// set), with intra-op threads 1 by default since the domain's workers give
/// the parallelism.
public struct ONNXRuntimeBackend: InferenceRuntime {
    /// The loaded libonnxruntime.so.
    public let library: ONNXRuntimeLibrary
    /// Threads ONNX Runtime may use inside one inference.
    public let intraOpThreads: Int

    /// A backend on `library`, with `intraOpThreads` threads per inference.
    public init(library: ONNXRuntimeLibrary, intraOpThreads: Int = 1) {
        self.library = library
        self.intraOpThreads = intraOpThreads
    }

    /// Creates the variant's session on the calling thread and checks its tensors against the manifest.
    public func load(_ variant: VariantManifest, of model: ModelManifest) throws(InferenceError) -> any LoadedVariant {
        guard variant.runtime == .onnxruntime, let path = variant.path else {
            throw InferenceError(
                .loadFailed, "\(model.file): variant \"\(variant.name)\" is not an onnxruntime variant with a file")
        }
        return try ONNXRuntimeSession(
            library: library, path: path, model: model, variant: variant, intraOpThreads: intraOpThreads)
    }
}
