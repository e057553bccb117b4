import Glibc

/// Reads files and folders through the system calls themselves, so that a
/// failure says why in the system's words (`No such file or directory`,
/// `Permission denied`) rather than as a Foundation error domain and code.
/// Public so that the CLI reads a request file the way the catalog reads a manifest.
public enum LocalFile {
    /// Why a file or folder could not be read.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file or folder.
        public var path: String
        /// What was tried and the system's reason: `cannot be read: Permission denied`.
        public var reason: String

        /// `path: reason`.
        public var description: String { "\(path): \(reason)" }
    }

    /// The whole file at `path`.
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
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
        Failure(path: path, reason: "\(what): \(String(cString: strerror(code)))")
    }
}
