/// Why a receiver dropped a cluster message. Receivers count drops per
/// reason; the raw values are the metric's label values and the words
/// docs/cluster-protocol.md uses.
public enum DropReason: String, Sendable, CaseIterable {
    /// A frame missing, or a payload shorter than its header says.
    case truncated
    /// A payload longer than the receiver's maximum.
    case oversized
    /// A cluster message of another schema version.
    case wrongVersion = "wrong_version"
    /// Not a cluster message, a kind the socket does not carry, or a payload
    /// that is not protobuf.
    case undecodable
    /// A field outside its documented limits.
    case invalid
    /// A report from a node outside the receiver's allow-list.
    case unknownNode = "unknown_node"
    /// A report whose sequence is not above the newest held from its node.
    case oldSequence = "old_sequence"
    /// A plan whose epoch is not above the newest plan held.
    case oldEpoch = "old_epoch"
}
