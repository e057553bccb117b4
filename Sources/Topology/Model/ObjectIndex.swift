/// The number the kernel gives an object (hwloc's `P#`): a CPU number, a
/// `physical_package_id`, a `core_id`, a node number. Not unique for every
/// kind of object (core ids repeat across packages) and not contiguous.
public struct OSIndex: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The kernel's number.
    public var rawValue: Int

    /// The index `rawValue`.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The index `rawValue`.
    public init(_ rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Smaller numbers first.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `P#n`, as lstopo writes it.
    public var description: String { "P#\(rawValue)" }
}

/// The position of an object among the objects of its kind, in the order of
/// their first PU (hwloc's `L#`): 0, 1, 2, … with no gaps.
public struct LogicalIndex: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position.
    public var rawValue: Int

    /// The index `rawValue`.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The index `rawValue`.
    public init(_ rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Smaller positions first.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `L#n`, as lstopo writes it.
    public var description: String { "L#\(rawValue)" }
}
