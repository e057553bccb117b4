import Glibc

/// Writes a command's result to standard output or to a file, without
/// Foundation (so commands start fast).
enum OutputFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var errno: Int32
        var description: String {
            "\(path): cannot write: \(String(cString: strerror(errno)))"
        }
    }

    /// Writes `text` to `path`, or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        guard let file = fopen(path, "w") else {
            throw WriteError(path: path, errno: errno)
        }
        let written =
            text.utf8.withContiguousStorageIfAvailable { fwrite($0.baseAddress, 1, $0.count, file) }
            ?? Array(text.utf8).withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        if written != text.utf8.count || closed != 0 {
            throw WriteError(path: path, errno: errno)
        }
    }
}
