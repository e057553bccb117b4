/// A load run that cannot start or cannot go on: a flag that does not parse,
/// a server that cannot be reached, model metadata the generator cannot use.
///
/// Refusals and failed requests during a run are not errors: they are
/// outcomes, counted in the ``LoadReport``.
public struct LoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Hashable, Sendable {
        /// A flag's value does not parse or is out of range.
        case invalidArgument
        /// The server did not accept a connection or did not answer the metadata request.
        case serverUnreachable
        /// The server answered the metadata request with an error status.
        case metadataRefused
        /// The metadata does not describe inputs the generator can build.
        case unusableMetadata
    }

    /// What kind of failure.
    public var kind: Kind
    /// The thing, the value and the fix, as the operator reads it.
    public var message: String

    /// A failure of `kind` described by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
