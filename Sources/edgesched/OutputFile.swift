import Glibc

/// Writes a command's result to standard output or to a file, without
/// Foundation (so commands start fast), and fails when the bytes did not
/// reach their destination: a full disk or a closed pipe must not exit 0.
enum OutputFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String?
        var errno: Int32
        var description: String {
            let reason = String(cString: strerror(errno))
            let hint = errno == EEXIST ? " (it exists; remove it or pass --force)" : ""
            return "\(path ?? "standard output"): cannot write: \(reason)\(hint)"
        }
    }

    /// Writes `text` to `path`, or to standard output when `path` is nil;
    /// a new file gets `mode`, and an existing one is replaced only when
    /// `replacing` (else the write fails with `EEXIST`).
    static func write(_ text: String, to path: String?, mode: mode_t = 0o644, replacing: Bool = true) throws {
        guard let path else {
            try write(text, toDescriptor: STDOUT_FILENO, path: nil)
            return
        }
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (replacing ? O_TRUNC : O_EXCL)
        let descriptor = open(path, flags, mode)
        guard descriptor >= 0 else {
            throw WriteError(path: path, errno: errno)
        }
        do {
            try write(text, toDescriptor: descriptor, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else {
            throw WriteError(path: path, errno: errno)
        }
    }

    /// Writes every byte with `write(2)`, unbuffered, so a failure shows
    /// here rather than in a flush at exit that nobody checks.
    private static func write(_ text: String, toDescriptor descriptor: Int32, path: String?) throws {
        var text = text
        try text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, start + offset, bytes.count - offset)
                if written < 0 {
                    guard errno == EINTR else { throw WriteError(path: path, errno: errno) }
                    continue
                }
                offset += written
            }
        }
    }
}
