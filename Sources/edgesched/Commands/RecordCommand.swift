import ArgumentParser
import Scheduling
import Simulation
import Topology

/// `edgesched record`: the agent's arrival recordings (docs/recording.md).
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Read the agent's arrival recordings.",
        subcommands: [InspectRecordingCommand.self]
    )
}

/// `edgesched record inspect FILE`: summarise one recording file.
struct InspectRecordingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract:
            "Summarise a recording: span, requests per model and class, outcomes, variants, queue and service times.",
        discussion: "Exits 1, naming the file and the byte offset, for a file that is not a whole recording."
    )

    @Argument(help: "A recording the agent wrote (recording.path in its configuration, or a rotated PATH.1).")
    var file: String

    @Flag(help: "Print the edgesched.record.inspect/v1 JSON document instead of text.")
    var json = false

    func run() throws {
        let recording = try ArrivalRecording(contentsOf: file)
        let summary = RecordingSummary(recording, path: file)
        try OutputFile.write(json ? summary.json.serialized() : summary.text, to: nil)
    }
}
