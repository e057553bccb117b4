/// Why a cluster value, message or configuration was refused.
public struct ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable {
        /// A node id is empty, too long or holds a character it may not.
        case invalidNodeID = "invalid_node_id"
        /// A planner configuration value is out of its range.
        case invalidPlannerConfiguration = "invalid_planner_configuration"
        /// A plan benchmark was asked for a site it cannot build.
        case invalidBenchmark = "invalid_benchmark"
    }

    /// The kind of failure.
    public var kind: Kind
    /// What was refused and why, naming the value.
    public var message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
