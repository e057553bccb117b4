/// Identifies one task from submit to outcome; chosen by the caller, unique
/// among the tasks it has in flight.
public struct TaskID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The caller's number.
    public var rawValue: UInt64

    /// The id `rawValue`.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Ids order by number (the order outcomes are listed in).
    public static func < (lhs: TaskID, rhs: TaskID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `task N`, as messages show it.
    public var description: String { "task \(rawValue)" }
}
