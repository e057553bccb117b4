/// A node of the site (an agent or a coordinator) as configured and as it
/// names itself on every cluster message: 1 to 64 bytes of letters, digits,
/// `.`, `_` and `-`, so it reads the same in logs, metrics and file names.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name as written.
    public let name: String

    /// The longest name a node may have, in bytes.
    public static let maximumLength = 64

    /// A node named `name`; throws when the name is empty, too long or holds
    /// another character.
    public init(_ name: String) throws(ClusterError) {
        guard !name.isEmpty, name.utf8.count <= Self.maximumLength else {
            throw ClusterError(.invalidNodeID, "node id \"\(name)\" must be 1 to \(Self.maximumLength) bytes")
        }
        guard name.utf8.allSatisfy(Self.isAllowed) else {
            throw ClusterError(
                .invalidNodeID, "node id \"\(name)\" may hold only letters, digits, '.', '_' and '-'")
        }
        self.name = name
    }

    /// Nodes order by name: the live coordinator with the lowest id publishes.
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.name < rhs.name }

    /// The name.
    public var description: String { name }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
