import Foundation
import Topology

/// A sysfs class folder (`sys/class/hwmon`) below a root, listed once while
/// sensors are discovered; only discovery uses it, never a poll.
struct SysfsFolder {
    /// The folder's full path.
    let path: String
    /// The names in the folder, sorted.
    let entries: [String]

    init(root: String, path relative: String) {
        path = (root.hasSuffix("/") ? root : root + "/") + relative
        entries = ((try? LocalFile.names(in: path)) ?? []).sorted()
    }

    /// The names in `entry`, sorted.
    func entries(of entry: String) -> [String] {
        ((try? LocalFile.names(in: "\(path)/\(entry)")) ?? []).sorted()
    }

    /// The text of `entry/name` without its trailing newline; nil when absent.
    func text(_ entry: String, _ name: String) -> String? {
        SensorFile(path: "\(path)/\(entry)/\(name)").flatMap { try? $0.read().get() }
            .map { String($0.trimmingTrailingWhitespace) }
    }

    /// Where the link `entry/name` points (a PCI device), empty when it is not a link.
    func linkTarget(_ entry: String, _ name: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(path)/\(entry)/\(name)")) ?? ""
    }

    /// `entry/name` opened for polling.
    func file(_ entry: String, _ name: String) -> SensorFile? {
        SensorFile(path: "\(path)/\(entry)/\(name)")
    }
}
