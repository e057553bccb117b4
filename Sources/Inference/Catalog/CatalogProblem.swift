/// Something wrong in a manifest: the file, the key, the value, and what
/// would be right (`models/yolo.yaml: variants[1].file: "yolo.int8.onnx" not found`).
public struct CatalogProblem: Hashable, Sendable, CustomStringConvertible {
    /// The manifest (or folder) the problem is in.
    public var file: String
    /// The key path, e.g. `variants[1].service_ms`; empty for the whole file.
    public var key: String
    /// What is wrong and what would be right.
    public var message: String

    /// A problem in `file` at `key`.
    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    /// `file: key: message`, as operators read it.
    public var description: String {
        key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)"
    }
}
