import Glibc

/// Copies the files the topology reader uses into a folder, the way
/// `hwloc-gather-topology` does, so an operator can send a machine's topology
/// and anyone can read it with `--root`.
public enum TopologyCapture {
    /// What a capture wrote.
    public struct Summary: Hashable, Sendable {
        /// Files written.
        public var fileCount: Int
        /// Bytes written.
        public var byteCount: Int
        /// The topology read while capturing: reading the capture gives it back.
        public var topology: MachineTopology
    }

    /// Reads the topology below `root` and writes every file it read, with the
    /// bytes it read, to the same relative path below `folder`, and every
    /// numbered folder it listed (`cpuN` where no `cpu/online` file says which
    /// CPUs exist). Fails without overwriting if a file is already there.
    @discardableResult
    public static func capture(fromRoot root: String = "/", into folder: String) throws(TopologyError) -> Summary {
        let tree = SysfsTree(root: root, recording: true)
        var scan = TopologyScan(tree: tree)
        let topology = try scan.run()
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        try makeFolders(base)
        for listed in tree.recordedFolders {
            try makeFolders(base + listed)
        }
        var byteCount = 0
        for file in tree.recorded {
            let destination = base + file.path
            if let slash = destination.lastIndex(of: "/") {
                try makeFolders(String(destination[..<slash]))
            }
            try write(file.bytes, to: destination)
            byteCount += file.bytes.count
        }
        return Summary(fileCount: tree.recorded.count, byteCount: byteCount, topology: topology)
    }

    /// `mkdir -p`.
    private static func makeFolders(_ path: String) throws(TopologyError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                let code = errno
                throw TopologyError(
                    .captureFailed(errno: code), path: prefix,
                    detail: "cannot create folder: \(TopologyError.describe(errno: code))")
            }
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws(TopologyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            let hint = code == EEXIST ? " (the folder already holds a capture; choose an empty one)" : ""
            throw TopologyError(
                .captureFailed(errno: code), path: path,
                detail: "cannot create: \(TopologyError.describe(errno: code))\(hint)")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                throw TopologyError(
                    .captureFailed(errno: code), path: path,
                    detail: "cannot write: \(TopologyError.describe(errno: code))")
            }
            offset += written
        }
    }
}
