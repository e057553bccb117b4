import Glibc

/// Reads the small text files of a sysfs/procfs tree below a root directory.
///
/// Files are read with plain `open`/`read`/`close` into one reused buffer:
/// reading topology is thousands of tiny files, so the cost per file is the
/// cost of the whole command. A recording tree also keeps every file it read,
/// byte for byte, which is what a capture writes out.
final class SysfsTree {
    /// A file as it was read.
    struct RecordedFile {
        /// The path relative to the root.
        var path: String
        var bytes: [UInt8]
    }

    /// The root as given (`/` or a captured tree).
    let root: String
    /// Every file read so far, in order, when recording.
    private(set) var recorded: [RecordedFile] = []
    /// Every numbered folder listed so far (`…/cpu12`), when recording: a
    /// capture recreates them, as a reader may look for them by listing.
    private(set) var recordedFolders: [String] = []
    /// Every per-object fact read past so far (see ``perObjectFact(assuming:_:)``).
    var warnings: [TopologyWarning] = []
    private let recording: Bool
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 16
    /// The root folder, opened once: files are opened relative to it, which
    /// spares the kernel walking the root's path for every file.
    private let rootDescriptor: Int32
    private var absentUniformAttributes: Set<Substring> = []
    /// The folders most files are read below, each opened (relative to the
    /// root) on first use and kept for the whole read: a file below one is
    /// opened relative to it, which spares the kernel walking the folder's
    /// four components for each of the thousands of files (-1: the folder
    /// cannot be opened; its files are opened from the root, which reports
    /// why).
    private var anchors: [(folder: String, descriptor: Int32?)] = [
        ("sys/devices/system/cpu/", nil), ("sys/devices/system/node/", nil),
    ]

    init(root: String, recording: Bool = false) {
        self.root = root
        self.recording = recording
        buffer = .allocate(capacity: capacity)
        rootDescriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit {
        buffer.deallocate()
        for case (_, let descriptor?) in anchors where descriptor >= 0 {
            close(descriptor)
        }
        if rootDescriptor >= 0 {
            close(rootDescriptor)
        }
    }

    /// Opens a path below the root, relative to the anchor folder it lies
    /// in if any; -1 with errno set on failure.
    private func openBelowRoot(_ relative: String, flags: Int32) -> Int32 {
        var descriptor: Int32
        repeat {
            if let (anchor, offset) = anchor(of: relative) {
                // The rest of the path is the tail of its C string: no copy.
                descriptor = relative.withCString { openat(anchor, $0 + offset, flags | O_CLOEXEC) }
            } else {
                descriptor =
                    rootDescriptor >= 0
                    ? openat(rootDescriptor, relative, flags | O_CLOEXEC) : open(path(relative), flags | O_CLOEXEC)
            }
        } while descriptor < 0 && errno == EINTR
        return descriptor
    }

    /// The descriptor of the anchor folder `relative` lies below, and where
    /// the rest of the path starts (in bytes); nil if it lies below none that
    /// could be opened.
    private func anchor(of relative: String) -> (Int32, Int)? {
        guard rootDescriptor >= 0 else { return nil }
        for index in anchors.indices where relative.utf8.starts(with: anchors[index].folder.utf8) {
            let descriptor: Int32
            if let known = anchors[index].descriptor {
                descriptor = known
            } else {
                descriptor = openat(rootDescriptor, anchors[index].folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                anchors[index].descriptor = descriptor
            }
            guard descriptor >= 0 else { return nil }
            return (descriptor, anchors[index].folder.utf8.count)
        }
        return nil
    }

    /// The full path of a file below the root.
    func path(_ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    /// Reads a file and hands its bytes to `body` (they are valid only
    /// there); nil if the file does not exist.
    ///
    /// `uniform` marks an attribute the kernel shows for every object of its
    /// kind or for none (`die_id`, `core_cpus_list`: it depends on the kernel
    /// version and architecture, not on the CPU): once one is found missing,
    /// the others are not looked for.
    func withContent<Result>(
        _ relative: String,
        uniform: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>) throws(TopologyError) -> Result
    ) throws(TopologyError) -> Result? {
        let name =
            uniform
            ? relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { relative[relative.index(after: $0)...] } : nil
        if let name, absentUniformAttributes.contains(name) { return nil }
        let descriptor = openBelowRoot(relative, flags: O_RDONLY)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                if let name { absentUniformAttributes.insert(name) }
                return nil
            }
            throw TopologyError(
                .unreadable(errno: code), path: path(relative),
                detail: "cannot open: \(TopologyError.describe(errno: code))")
        }
        defer { close(descriptor) }
        // One read is enough: sysfs returns an attribute whole, procfs a small
        // file whole, and a regular file (a capture) stops short only at its
        // end; reading on until 0 would cost a system call per file.
        var length = 0
        while length < capacity {
            let got = read(descriptor, buffer + length, capacity - length)
            if got < 0 {
                let code = errno
                if code == EINTR { continue }
                throw TopologyError(
                    .unreadable(errno: code), path: path(relative),
                    detail: "cannot read: \(TopologyError.describe(errno: code))")
            }
            length += got
            if got == 0 || length < capacity { break }
        }
        guard length < capacity else {
            throw TopologyError(
                .malformed, path: path(relative), detail: "is larger than \(capacity) bytes; a sysfs attribute never is"
            )
        }
        let content = UnsafeBufferPointer(start: buffer, count: length)
        if recording {
            recorded.append(RecordedFile(path: relative, bytes: Array(content)))
        }
        return try body(content)
    }

    /// The content of a file as text, or nil if it does not exist.
    func text(_ relative: String, uniform: Bool = false) throws(TopologyError) -> String? {
        try withContent(relative, uniform: uniform) { bytes throws(TopologyError) in
            String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The names in a folder (without `.` and `..`), or nil if it does not exist.
    func entries(_ relative: String) throws(TopologyError) -> [String]? {
        try withEntries(relative) { name in
            String(decoding: name, as: UTF8.self)
        }
    }

    /// The numbers N of the entries named `prefix` + N (`cpu12`, `node3`,
    /// `index2`), ascending; other entries are ignored. The names are read
    /// as bytes, without making strings of them.
    func numberedEntries(_ relative: String, prefix: String) throws(TopologyError) -> [Int]? {
        let prefixBytes = Array(prefix.utf8)
        guard
            var numbers = try withEntries(
                relative,
                { name -> Int? in
                    Self.number(in: name, after: prefixBytes)
                })
        else { return nil }
        numbers.sort()
        if recording {
            recordedFolders += numbers.map { "\(relative)/\(prefix)\($0)" }
        }
        return numbers
    }

    /// N if `name` is `prefix` followed by one to six decimal digits.
    private static func number(in name: UnsafeRawBufferPointer, after prefix: [UInt8]) -> Int? {
        let digits = name.count - prefix.count
        guard digits >= 1, digits <= 6, name.prefix(prefix.count).elementsEqual(prefix) else { return nil }
        var value = 0
        for byte in name[prefix.count...] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Lists a folder, handing each name but `.` and `..` to `transform`
    /// (its bytes are valid only there) and keeping what it returns; nil if
    /// the folder does not exist.
    private func withEntries<Element>(
        _ relative: String,
        _ transform: (UnsafeRawBufferPointer) -> Element?
    ) throws(TopologyError) -> [Element]? {
        let descriptor = openBelowRoot(relative, flags: O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0, let directory = fdopendir(descriptor) else {
            let code = errno
            if descriptor >= 0 { close(descriptor) }
            if code == ENOENT || code == ENOTDIR { return nil }
            throw TopologyError(
                .unreadable(errno: code), path: path(relative),
                detail: "cannot list: \(TopologyError.describe(errno: code))")
        }
        defer { closedir(directory) }
        var elements: [Element] = []
        while let entry = readdir(directory) {
            let element = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Element? in
                let name = UnsafeRawBufferPointer(rebasing: raw.prefix { $0 != 0 })
                if name.elementsEqual(".".utf8) || name.elementsEqual("..".utf8) { return nil }
                return transform(name)
            }
            if let element {
                elements.append(element)
            }
        }
        return elements
    }
}
