import Glibc

/// Why a machine's topology could not be read or captured. The description
/// names the file, quotes what was in it, and says what was expected.
public struct TopologyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that act on it.
    public enum Kind: Hashable, Sendable {
        /// The root has no `sys/devices/system/cpu`: not a Linux sysfs tree.
        case noSysfs
        /// A file or folder exists but could not be read.
        case unreadable(errno: Int32)
        /// A file's content is not what the kernel writes there.
        case malformed
        /// Files disagree with each other (a list names a CPU beyond `possible`).
        case inconsistent
        /// A capture could not write its copy.
        case captureFailed(errno: Int32)
    }

    /// What went wrong.
    public var kind: Kind
    /// The path the error is about, as given (under the root that was read).
    public var path: String
    /// The file's content where it matters, as read.
    public var content: String?
    /// What is wrong, in words.
    public var detail: String

    /// An error about `path`, quoting `content` where it matters.
    public init(_ kind: Kind, path: String, content: String? = nil, detail: String) {
        self.kind = kind
        self.path = path
        self.content = content
        self.detail = detail
    }

    /// `path: detail (content: "…")`.
    public var description: String {
        var text = "\(path): \(detail)"
        if let content {
            text += " (content: \"\(content.escapedForMessage)\")"
        }
        return text
    }

    /// The C library's words for an errno value.
    static func describe(errno code: Int32) -> String {
        guard let message = strerror(code) else { return "errno \(code)" }
        return String(cString: message)
    }
}
