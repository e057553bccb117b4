import ArgumentParser
import Foundation
import Inference
import Topology

/// `edgesched models`: check and try the model catalog.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Check the model catalog and run single inferences.",
        subcommands: [CheckModelsCommand.self, RunModelCommand.self]
    )
}

/// Where the catalog and ONNX Runtime are; shared by the models commands.
struct CatalogOptions: ParsableArguments {
    @Option(help: "The folder of model manifests (*.yaml) and their files.")
    var models: String = "models"

    @Option(help: "libonnxruntime.so to load (default: $EDGESCHED_ONNXRUNTIME, then the onnxruntime Python package).")
    var onnxruntime: String?
}

struct CheckModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every manifest and load and run every variant once on this machine.",
        discussion: "Prints a table and every problem found; exits 1 if there is any."
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(
        parsing: .unconditional, help: "Warm runs per variant whose median is the service time (at most 10 s of them).")
    var runs = 20

    func validate() throws {
        guard runs >= 1 else {
            throw ValidationError("--runs \(runs): give a number of warm runs of 1 or more")
        }
    }

    func run() throws {
        let models = ModelCatalog.load(folder: catalog.models)
        let runtimes = Runtimes(onnxRuntimePath: catalog.onnxruntime)
        let checks = ModelCheck.run(models, runtimes: runtimes, runs: runs) {
            FileHandle.standardError.write(Data("checking \($0)\n".utf8))
        }
        var lines = [
            Self.row(["model", "variant", "runtime", "load ms", "service ms", "memory MiB", "status"])
        ]
        for check in checks {
            lines.append(
                Self.row([
                    check.model, check.variant,
                    check.runtime == .synthetic ? "synthetic (not a real model)" : check.runtime.rawValue,
                    check.loadTime.map { Self.milliseconds($0) } ?? "-",
                    check.serviceTime.map { Self.milliseconds($0) } ?? "-",
                    check.residentBytes.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "-",
                    check.error == nil ? "ok" : "failed",
                ])
            )
        }
        var problems = models.problems.map(\.description)
        if case .failure(let missing) = runtimes.onnxRuntime, checks.contains(where: { $0.runtime == .onnxruntime }) {
            problems.append("every onnxruntime variant failed: \(missing)")
        }
        problems += checks.compactMap(\.error).filter { $0.kind != .runtimeMissing }.map(\.description)
        if !problems.isEmpty {
            lines.append("Problems:")
            lines += problems.map { "  \($0)" }
        }
        try OutputFile.write(lines.joined(separator: "\n") + "\n", to: nil)
        if !problems.isEmpty {
            throw ExitCode(1)
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.3f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [14, 9, 30, 10, 11, 11, 7]
        return zip(cells, widths).map { cell, width in TextColumns.pad(cell, to: max(width, cell.count + 1), .left) }
            .joined().trimmingCharacters(in: .whitespaces)
    }
}

struct RunModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one inference and print the outputs as Open Inference Protocol JSON.",
        discussion: "--input takes {\"inputs\": [{\"name\", \"datatype\", \"shape\", \"data\"}]}."
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(help: "The model's name (its manifest's name).")
    var model: String

    @Option(help: "The variant (default: the preferred one).")
    var variant: String?

    @Option(help: "A JSON file with the inputs.")
    var input: String?

    @Flag(help: "Run on seeded random inputs of the manifest's shapes instead.")
    var random = false

    @Option(help: "The seed of --random.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (input != nil) != random else {
            throw ValidationError("give either --input FILE or --random (with --seed N)")
        }
    }

    func run() throws {
        let models = ModelCatalog.load(folder: catalog.models)
        guard let manifest = models.model(named: model) else {
            let known = models.models.isEmpty ? "none" : models.models.map(\.name).joined(separator: ", ")
            let problems = models.problems.map { "\n  \($0)" }.joined()
            throw InferenceError(
                .unknownModel, "model \"\(model)\" is not in \(catalog.models) (models: \(known))\(problems)")
        }
        let variantManifest = try Self.variant(variant, of: manifest)
        let inputs: [Tensor]
        if let input {
            let data = try LocalFile.read(input)
            do {
                inputs = try InferenceRequestDecoder().decode(data).tensors
            } catch {
                throw InferenceError(.invalidInput, "\(input): \(error)")
            }
        } else {
            inputs = try manifest.randomInputs(seed: seed)
        }
        try manifest.check(inputs)
        let loaded = try Runtimes(onnxRuntimePath: catalog.onnxruntime).load(variantManifest, of: manifest)
        let outputs = try loaded.run(inputs)
        if variant == nil, !manifest.unavailableAbovePreferred.isEmpty {
            let reasons = manifest.unavailableAbovePreferred.map { "\($0.name) is unavailable: \($0.reason)" }
            FileHandle.standardError.write(
                Data("serving \(model)/\(variantManifest.name): \(reasons.joined(separator: "; "))\n".utf8))
        }
        let response = InferenceResponse(
            modelName: manifest.name, modelVersion: variantManifest.name,
            parameters: loaded.isSynthetic ? ["synthetic": .bool(true)] : [:],
            outputs: outputs.map { ResponseOutput(tensor: $0) })
        try OutputFile.write(String(decoding: response.encoded().bytes, as: UTF8.self) + "\n", to: nil)
    }

    /// The variant asked for, or the preferred one that serves; a variant the
    /// catalog left out is refused with its reason.
    private static func variant(_ name: String?, of manifest: ModelManifest) throws(InferenceError) -> VariantManifest {
        guard let name else { return manifest.variants[0] }
        if let found = manifest.variant(named: name) {
            return found
        }
        if let left = manifest.unavailable.first(where: { $0.name == name }) {
            throw InferenceError(
                .unknownModel, "model \(manifest.name): variant \(name) is unavailable: \(left.reason)")
        }
        let names = manifest.variants.map(\.name).joined(separator: ", ")
        throw InferenceError(.unknownModel, "model \(manifest.name) has no variant \"\(name)\" (variants: \(names))")
    }
}
