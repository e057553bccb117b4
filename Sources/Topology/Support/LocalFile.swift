import Glibc

/// Reads files and folders through the system calls themselves, so that a
/// failure says why in the system's words (`No such file or directory`,
/// `Permission denied`) rather than as a Foundation error domain and code.
/// The package's one whole-file reader: manifests, request files, the
/// agent's configuration, cgroup and procfs files (the topology reader keeps
/// its own, which reads thousands of tiny files into one reused buffer).
public enum LocalFile {
    /// Why a file or folder could not be read.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file or folder.
        public var path: String
        /// What was tried and the system's reason: `cannot be read: Permission denied`.
        public var reason: String
        /// The system's error code; nil when the file was read but refused.
        public var code: Int32?

        /// A failure of `path` for `reason`; `code` is the system's, nil for a
        /// file read but refused (too large, not the format its reader expects).
        public init(path: String, reason: String, code: Int32?) {
            self.path = path
            self.reason = reason
            self.code = code
        }

        /// True when the file, or a folder on its path, does not exist.
        public var isMissing: Bool { code == ENOENT || code == ENOTDIR }

        /// `path: reason`.
        public var description: String { "\(path): \(reason)" }
    }

    /// The whole file at `path`; a file longer than `maximumBytes` is refused
    /// before more than that is read.
    public static func read(_ path: String, maximumBytes: Int = .max) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, "cannot be read", errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure(path, "cannot be read", errno) }
            if count == 0 { return bytes }
            guard count <= maximumBytes - bytes.count else {
                throw Failure(path: path, reason: "is larger than \(maximumBytes) bytes", code: nil)
            }
            bytes += chunk[0..<count]
        }
    }

    /// The names in `folder` (without `.` and `..`).
    public static func names(in folder: String) throws(Failure) -> [String] {
        guard let directory = opendir(folder) else { throw failure(folder, "cannot be listed", errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func failure(_ path: String, _ what: String, _ code: Int32) -> Failure {
        Failure(path: path, reason: "\(what): \(String(cString: strerror(code)))", code: code)
    }
}
