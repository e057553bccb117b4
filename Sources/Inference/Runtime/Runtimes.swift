/// The runtimes of one process, by kind: a variant is loaded by the one its
/// manifest names. When ONNX Runtime cannot be loaded, its variants fail with
/// that reason and the synthetic ones still serve.
public struct Runtimes: Sendable {
    /// ONNX Runtime, or why it could not be loaded.
    public let onnxRuntime: Result<ONNXRuntimeBackend, InferenceError>
    /// The synthetic runtime (always there).
    public let synthetic = SyntheticRuntime()

    /// Loads ONNX Runtime as ``ONNXRuntimeLibrary/load(path:)`` does.
    public init(onnxRuntimePath: String? = nil, intraOpThreads: Int = 1) {
        onnxRuntime = Result { () throws(InferenceError) in
            ONNXRuntimeBackend(
                library: try ONNXRuntimeLibrary.load(path: onnxRuntimePath), intraOpThreads: intraOpThreads)
        }
    }

    /// Loads a variant on the calling thread with its runtime.
    public func load(_ variant: VariantManifest, of model: ModelManifest) throws(InferenceError) -> any LoadedVariant {
        switch variant.runtime {
        case .synthetic:
            return try synthetic.load(variant, of: model)
        case .onnxruntime:
            return try onnxRuntime.get().load(variant, of: model)
        }
    }
}
