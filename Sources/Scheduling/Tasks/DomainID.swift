/// An execution domain, by its index in
/// ``SchedulerConfiguration/workersPerDomain``; a literal is one (`next(domain: 1)`).
public struct DomainID: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The position in the configuration.
    public var index: Int

    /// The domain at `index`.
    public init(_ index: Int) {
        self.index = index
    }

    /// The domain at the literal's index.
    public init(integerLiteral index: Int) {
        self.index = index
    }

    /// Domains order by index.
    public static func < (lhs: DomainID, rhs: DomainID) -> Bool { lhs.index < rhs.index }

    /// `domain N`, as messages show it.
    public var description: String { "domain \(index)" }
}
