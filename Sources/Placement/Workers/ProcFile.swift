import Glibc

/// Reads a small procfs, sysfs or cgroup file whole.
enum ProcFile {
    /// Why a file could not be read: the `errno` of `fopen` or `fread`.
    struct ReadFailure: Error {
        var code: Int32

        /// True when the file, or a folder on its path, does not exist.
        var isMissing: Bool { code == ENOENT || code == ENOTDIR }

        /// The C library's sentence for the code (`Permission denied`).
        var reason: String { String(cString: strerror(code)) }
    }

    static func read(_ path: String) -> Result<String, ReadFailure> {
        guard let file = fopen(path, "r") else { return .failure(ReadFailure(code: errno)) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += chunk.prefix(count)
            if count < chunk.count { break }
        }
        if ferror(file) != 0 {
            return .failure(ReadFailure(code: errno))
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }
}
