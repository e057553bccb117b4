/// Why a model could not be loaded or run, or a request was refused before
/// scheduling. The description names the model, variant or tensor and what
/// was expected against what was given.
public struct InferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// A request's tensors do not match the manifest.
        case invalidInput
        /// No such model or variant in the catalog.
        case unknownModel
        /// The runtime library (libonnxruntime.so) cannot be found or loaded.
        case runtimeMissing
        /// The runtime refused to load a variant (missing or corrupt file,
        /// inputs and outputs that disagree with the manifest).
        case loadFailed
        /// The runtime failed while running.
        case runFailed
        /// The variant is being unloaded or was unloaded.
        case unloaded
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
