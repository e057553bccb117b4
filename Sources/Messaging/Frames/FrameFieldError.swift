/// A value a frame cannot carry (a name longer than its one-byte length can
/// say); each module that writes frames turns it into its own error.
public struct FrameFieldError: Error, Sendable, CustomStringConvertible {
    /// What does not fit, naming the field and the value.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The one-byte length of `text`, for `field`.
    public static func shortLength(of text: String, _ field: String) throws(FrameFieldError) -> UInt8 {
        guard let length = UInt8(exactly: text.utf8.count) else {
            throw FrameFieldError(
                "\(field) \"\(text.prefix(40))…\": \(text.utf8.count) bytes, the protocol carries at most 255")
        }
        return length
    }
}
