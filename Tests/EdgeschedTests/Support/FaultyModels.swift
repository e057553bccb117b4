import Foundation
import TestFixtures

/// Models that misbehave on purpose (Tests/Clients/faulty_models.py), generated into a temporary folder,
/// and a configuration file that serves them.
struct FaultyModels {
    let folder: String
    let configFile: String

    init(named name: String) throws {
        folder = try TemporaryFiles.folder(named: name).path
        configFile = folder + ".yaml"
        let generated = try Python.run([FixtureTrees.packageRoot + "/Tests/Clients/faulty_models.py", folder])
        guard generated.status == 0 else {
            throw GenerationFailed(output: generated.output + generated.error)
        }
        try "models: {folder: \(folder)}\n".write(toFile: configFile, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.removeItem(atPath: configFile)
    }

    struct GenerationFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "Tests/Clients/faulty_models.py failed: \(output)" }
    }
}
