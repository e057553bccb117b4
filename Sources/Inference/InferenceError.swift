/// Why a model could not be loaded or run, or a request was refused before
/// scheduling. The description names the model, variant or tensor and what
/// was expected against what was given.
public struct InferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that act on it (refuse a request, mark a variant failed).
    public enum Kind: Hashable, Sendable {
        /// A request's tensors do not match the manifest.
        case invalidInput
        /// No such model or variant in the catalog (or the variant is left out, with the reason).
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

    /// What went wrong.
    public var kind: Kind
    /// The sentence shown to the operator or client.
    public var message: String

    /// An error of `kind` whose description is `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
