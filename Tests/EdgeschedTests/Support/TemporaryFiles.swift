import Foundation

/// Files a test writes for the agent it starts, in the temporary folder,
/// named for the test and this process so that parallel runs never share one.
enum TemporaryFiles {
    /// Writes `yaml` to `edgesched-NAME-PID.yaml` and returns its path.
    static func configuration(named name: String, _ yaml: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edgesched-\(name)-\(getpid()).yaml")
            .path
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Makes the folder `edgesched-NAME-PID` and returns it.
    static func folder(named name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgesched-\(name)-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
