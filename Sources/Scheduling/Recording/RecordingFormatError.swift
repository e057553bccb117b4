/// Why bytes are not a recording this reader can read: not one at all, a
/// version it does not know, cut short, or a value outside the header's
/// tables. The offset is where the problem starts.
public struct RecordingFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// The bytes do not start with the recording magic.
        case foreign
        /// A version (or record size) this reader does not read.
        case unsupported
        /// The bytes end inside the header or a record.
        case truncated
        /// A field holds a value the format does not allow.
        case invalid
    }

    /// What is wrong.
    public var kind: Kind
    /// The byte offset of the header field or record at fault.
    public var offset: Int
    /// What was found and what was expected.
    public var message: String

    /// An error of `kind` at `offset`.
    public init(_ kind: Kind, at offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    /// `at byte N: message`.
    public var description: String { "at byte \(offset): \(message)" }
}
