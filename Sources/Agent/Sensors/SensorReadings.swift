/// One poll of a sensor: a value per object it covers (package, node), and
/// the files that gave none this time.
public struct SensorReadings<Key: Hashable & Sendable>: Sendable {
    /// The values read, by object; an object whose file failed is absent.
    public var values: [Key: Double] = [:]
    /// Why some objects are absent.
    public var problems: [SensorProblem] = []

    /// Nothing read yet.
    public init() {}
}
