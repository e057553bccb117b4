import Glibc
import Scheduling

/// The recording file the writer thread appends to (docs/recording.md):
/// every file starts with the header, holds whole records and never grows
/// past its limit; when the next record would not fit, the file is renamed
/// `PATH.1` (replacing the one before) and a new one starts.
///
/// Used by one thread at a time: made by the agent's builder, then only by
/// the recorder's writer thread.
final class RecordingFile {
    let path: String
    private let maximumBytes: Int
    private let header: [UInt8]
    private var descriptor: Int32 = -1
    private var size = 0

    /// Opens `path` for a new recording; a file already there is renamed
    /// `PATH.1` first. The error names the key, the path and the system's reason.
    init(path: String, maxMegabytes: Int, header: [UInt8]) throws(AgentError) {
        self.path = path
        maximumBytes = maxMegabytes << 20
        self.header = header
        guard header.count + RecordingFormat.recordSize <= maximumBytes else {
            throw AgentError(
                .startFailed,
                "recording.max_mb: \(maxMegabytes) MiB does not hold the \(header.count)-byte header and a record")
        }
        do throws(FileFailure) {
            if access(path, F_OK) == 0 { try rotateAside() }
            try start()
        } catch {
            throw AgentError(.startFailed, "recording.path: \"\(path)\" \(error.reason)")
        }
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Why a system call on the file failed, in the system's words.
    struct FileFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// Appends whole records (`bytes.count` is a multiple of the record
    /// size), rotating the file between two records when the next would
    /// pass the limit.
    func append(_ bytes: [UInt8]) throws(FileFailure) {
        let recordSize = RecordingFormat.recordSize
        var offset = 0
        while offset < bytes.count {
            let room = (maximumBytes - size) / recordSize * recordSize
            if room == 0 {
                try rotate()
                continue
            }
            let end = min(bytes.count, offset + room)
            try write(bytes[offset..<end])
            offset = end
        }
    }

    /// Closes the file; what was appended is in it.
    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    private func rotate() throws(FileFailure) {
        close()
        try rotateAside()
        try start()
    }

    private func rotateAside() throws(FileFailure) {
        guard rename(path, path + ".1") == 0 else {
            throw FileFailure(reason: "cannot be renamed to \(path).1: \(String(cString: strerror(errno)))")
        }
    }

    private func start() throws(FileFailure) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileFailure(reason: "cannot be opened for writing: \(String(cString: strerror(errno)))")
        }
        size = 0
        try write(header[...])
    }

    private func write(_ bytes: ArraySlice<UInt8>) throws(FileFailure) {
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let count = Glibc.write(descriptor, raw.baseAddress?.advanced(by: written), raw.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return count < 0 ? errno : ENOSPC }
                written += count
            }
            return nil
        }
        guard let failure else {
            size += bytes.count
            return
        }
        // A record cut short would misalign every later one: the file keeps
        // only what was written whole.
        _ = ftruncate(descriptor, off_t(size))
        throw FileFailure(reason: "cannot be written: \(String(cString: strerror(failure)))")
    }
}
