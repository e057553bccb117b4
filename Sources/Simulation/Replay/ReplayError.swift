/// Why a recording cannot be replayed on the node asked for; the
/// description names the file and the value.
public struct ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The recording.
    public var path: String
    /// What is wrong, naming the value and the fix.
    public var message: String

    /// An error about the recording at `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `arrivals.esrec: class "gold" ...`.
    public var description: String { "\(path): \(message)" }
}
