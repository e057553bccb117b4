/// Why a cluster value, message or configuration was refused.
public struct ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable {
        /// A node id is empty, too long or holds a character it may not.
        case invalidNodeID = "invalid_node_id"
        /// A message lacks a frame, or a frame is shorter than its header says.
        case truncated
        /// A payload is longer than the receiver's configured maximum.
        case oversized
        /// A cluster message of a schema version this build does not read.
        case wrongVersion = "wrong_version"
        /// The frames are not a cluster message: no magic, or a header or a
        /// frame count no version of the protocol writes.
        case notClusterMessage = "not_cluster_message"
        /// A cluster message of a kind this version does not define, or not
        /// the kind this socket carries.
        case unexpectedMessageKind = "unexpected_message_kind"
        /// The payload is not a protobuf encoding of the message its header names.
        case malformedPayload = "malformed_payload"
        /// A decoded field breaks its documented limits (docs/cluster-protocol.md).
        case invalidField = "invalid_field"
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

    /// The reason a receiver counts a message refused with this error under
    /// (the configuration kinds, which no message raises, read as `invalid`).
    public var dropReason: DropReason {
        switch kind {
        case .truncated: .truncated
        case .oversized: .oversized
        case .wrongVersion: .wrongVersion
        case .notClusterMessage, .unexpectedMessageKind, .malformedPayload: .undecodable
        case .invalidNodeID, .invalidField: .invalid
        case .invalidPlannerConfiguration, .invalidBenchmark: .invalid
        }
    }
}
