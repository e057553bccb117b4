import ArgumentParser
import Glibc
import Topology

/// `edgesched topology`: what the agent sees of this (or a captured) machine.
struct TopologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Show a machine's packages, NUMA nodes, caches, cores, PUs and devices.",
        subcommands: [ShowTopologyCommand.self, CaptureTopologyCommand.self],
        defaultSubcommand: ShowTopologyCommand.self
    )
}

/// The formats `edgesched topology --format` writes.
enum TopologyFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case svg
}

struct ShowTopologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the topology as text, JSON or SVG (the default subcommand)."
    )

    @OptionGroup var source: TopologySourceOptions

    @Option(help: "Output format: \(TopologyFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: TopologyFormat = .text

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let topology = try source.read()
        let rendered =
            switch format {
            case .text: topology.text
            case .json: topology.json.serialized()
            case .svg: topology.svg
            }
        try OutputFile.write(rendered, to: output)
    }
}

struct CaptureTopologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Copy exactly the sysfs and procfs files the topology reader uses into a folder.",
        discussion: "Reading the folder with --root gives the same topology as reading the machine."
    )

    @OptionGroup var source: TopologySourceOptions

    @Option(help: "The folder to write the capture into (created if missing; must not hold a capture already).")
    var output: String

    func run() throws {
        let summary = try TopologyCapture.capture(fromRoot: source.root, into: output)
        TopologySourceOptions.printWarnings(of: summary.topology)
        print("captured \(summary.fileCount) files (\(summary.byteCount) bytes) into \(output)")
    }
}

/// Where the topology is read from; shared by the commands that read one.
struct TopologySourceOptions: ParsableArguments {
    @Option(help: "Read sysfs and procfs below this folder instead of / (e.g. a capture).")
    var root: String = "/"

    /// Reads the topology and prints its warnings on standard error, so an
    /// operator of every command that reads one (`topology`, `plan`) sees
    /// what the reader assumed.
    func read() throws -> MachineTopology {
        let topology = try MachineTopology.read(fromRoot: root)
        Self.printWarnings(of: topology)
        return topology
    }

    /// Prints each of the topology's warnings on standard error, one line each.
    static func printWarnings(of topology: MachineTopology) {
        for warning in topology.warnings {
            var line = "warning: \(warning)\n"
            // Best effort, as for any diagnostic: a failed write to
            // standard error has nowhere to be reported.
            _ = line.withUTF8 { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
    }
}
