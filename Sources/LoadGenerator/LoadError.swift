/// A load run that cannot start or cannot go on: a flag that does not parse,
/// a server that cannot be reached, model metadata the generator cannot use,
/// a ZeroMQ socket that fails.
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
        /// Over ZeroMQ: the folder of manifests holds no usable manifest of the model.
        case manifestMissing
        /// Over ZeroMQ: a socket call failed (a malformed endpoint, no file descriptors left).
        case socketFailed
        /// Over ZeroMQ: a reply does not follow docs/protocol.md (its request counts as `bad_reply`).
        case malformedReply
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
