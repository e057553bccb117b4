/// A configuration that cannot be used: every problem found, so an operator
/// fixes the file in one pass.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Hashable, Sendable {
        /// The file could not be read (the errno is in the problem's message).
        case unreadable
        /// The file was read and has problems.
        case invalid
    }

    /// What kind of failure.
    public var kind: Kind
    /// Every problem, in file order.
    public var problems: [ConfigurationProblem]

    /// A failure of `kind` with `problems`.
    public init(_ kind: Kind, problems: [ConfigurationProblem]) {
        self.kind = kind
        self.problems = problems
    }

    /// One problem a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
