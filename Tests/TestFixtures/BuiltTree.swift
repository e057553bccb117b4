import Foundation

/// A root folder built for one test in the temporary directory: empty, or a
/// copy of a captured tree, with files added below it (cgroup files, say).
/// The test removes it with ``remove()`` when done.
public struct BuiltTree {
    /// The root to pass as `--root` or `fromRoot:`.
    public let root: String

    /// An empty tree, or a copy of the tree at `source`.
    public init(copying source: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("edgesched-\(UUID().uuidString)").path
        if let source {
            try FileManager.default.copyItem(atPath: source, toPath: root)
        } else {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
    }

    /// Writes `contents` at `relative` below the root, creating folders.
    public func write(_ relative: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: root).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    /// Makes a folder at `relative` below the root (and the folders above it).
    public func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: "\(root)/\(relative)", withIntermediateDirectories: true)
    }

    /// Deletes the tree.
    public func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
