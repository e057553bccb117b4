/// Why a sensor gave no value: the file and what was wrong with it.
public struct SensorProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sysfs file.
    public var path: String
    /// What was wrong, quoting the content.
    public var message: String

    /// A problem with `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String {
        "\(path): \(message)"
    }
}
