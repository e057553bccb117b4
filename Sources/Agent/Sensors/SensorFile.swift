import Glibc

/// One sysfs attribute kept open and re-read from offset 0 on every poll:
/// sysfs regenerates the value on each read, so a sensor costs one `pread`
/// a reading instead of an open, a read and a close.
///
/// `@unchecked Sendable` is safe: the descriptor never changes after `init`,
/// `pread` at an explicit offset shares no file position between threads,
/// and the buffer is allocated per call.
final class SensorFile: @unchecked Sendable {
    /// The path, for messages.
    let path: String
    private let descriptor: Int32

    /// Opens `path`; nil when it cannot be opened (the sensor is absent).
    init?(path: String) {
        var descriptor: Int32
        repeat {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { return nil }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The file's text now, or the reason it cannot be read.
    func read() -> Result<String, SensorProblem> {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var count: Int
        repeat {
            count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else {
            return .failure(SensorProblem(path: path, message: "cannot be read (\(String(cString: strerror(errno))))"))
        }
        return .success(String(decoding: bytes.prefix(count), as: UTF8.self))
    }

    /// The file as a whole number (sysfs writes one per attribute), or the reason it is not one.
    func integer() -> Result<Int, SensorProblem> {
        read().flatMap { text in
            let trimmed = text.trimmingTrailingWhitespace
            guard let value = Int(trimmed) else {
                return .failure(SensorProblem(path: path, message: "\"\(trimmed)\" is not a whole number"))
            }
            return .success(value)
        }
    }
}

extension String {
    /// The text without the newline and padding sysfs ends values with.
    var trimmingTrailingWhitespace: Substring {
        self[..<(lastIndex { !$0.isWhitespace && $0 != "\0" }.map(index(after:)) ?? startIndex)]
    }
}
