import Foundation

/// The built `edgesched` binary, beside this test bundle.
enum Edgesched {
    static let binary: String = {
        let testBundle =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: testBundle).deletingLastPathComponent().appendingPathComponent("edgesched").path
    }()

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func run(_ arguments: [String], under prefix: [String] = []) throws -> Result {
        try run(command: prefix + [binary] + arguments)
    }

    /// Runs `command` (its first element an absolute path) to its end, collecting both outputs.
    static func run(command: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }
}
