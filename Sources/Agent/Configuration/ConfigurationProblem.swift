/// One thing wrong in an agent configuration: where (file, line and
/// column, YAML path), the value, and what would be right.
public struct ConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
    /// The configuration file, or `(embedded default)`.
    public var file: String
    /// The YAML path, e.g. `classes[1].weight`; empty for the whole document.
    public var path: String
    /// `line:column` of the value in the file, when the parser knows it.
    public var position: String?
    /// What is wrong and what would be right, naming the value.
    public var message: String

    /// A problem at `path` in `file`.
    public init(file: String, path: String, position: String?, message: String) {
        self.file = file
        self.path = path
        self.position = position
        self.message = message
    }

    /// `file:line:column: path: message`, as an editor jumps to it.
    public var description: String {
        let place = position.map { "\(file):\($0)" } ?? file
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}
