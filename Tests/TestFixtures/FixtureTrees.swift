import Foundation

/// Where the tests find the package, the real machines' sysfs trees
/// (`../shared/topology-fixtures`) and the project's own (`topology/`).
public enum FixtureTrees {
    /// The package's root folder, found from this file's path.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/topology-fixtures`: 16 real machines, present in CI and on
    /// developers' machines, absent in a bare clone.
    public static let sharedFolder = URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
        .appendingPathComponent("shared/topology-fixtures").path

    /// `topology/`: this project's own captures and hand-made trees.
    public static let projectFolder = packageRoot + "/topology"

    public static var sharedAvailable: Bool { !trees(in: sharedFolder).isEmpty }

    /// Why tests of the shared trees are skipped where they are missing.
    public static let sharedMissingReason =
        "skipped: \(sharedFolder) not found (it sits beside the checkout in CI and on developer machines)"

    /// Folders under `folder` that hold an `expected.json`, as full paths.
    public static func trees(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/expected.json") }.sorted()
            .map { "\(folder)/\($0)" }
    }

    public static var shared: [String] { trees(in: sharedFolder) }
    public static var project: [String] { trees(in: projectFolder) }
    public static var all: [String] { shared + project }

    /// `models/`: the shipped manifests and ONNX models.
    public static let modelsFolder = packageRoot + "/models"

    /// The full path of one of the project's trees.
    public static func project(_ name: String) -> String {
        "\(projectFolder)/\(name)"
    }
}
