/// Something wrong in a manifest: the file, the key, the value, and what
/// would be right (`models/yolo.yaml: variants[1].file: "yolo.int8.onnx" not found`).
public struct CatalogProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// The key path, e.g. `variants[1].service_ms`; empty for the whole file.
    public var key: String
    public var message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)"
    }
}
