import Foundation
import Inference
import TestFixtures
import Testing

/// The Swift backend against onnxruntime in Python, on the shipped models.
@Suite struct ONNXRuntimeBackendTests {
    static let catalog = ModelCatalog.load(folder: FixtureTrees.modelsFolder)
    static let runtimes = Runtimes()

    static var onnxVariants: [String] {
        catalog.models.flatMap { model in
            model.variants.filter { $0.runtime == .onnxruntime }.map { "\(model.name)/\($0.name)" }
        }
    }

    @Test("outputs equal onnxruntime in Python: fp32 within 1e-5 relative, int8 exactly", arguments: onnxVariants)
    func outputsEqualPython(name: String) throws {
        let parts = name.split(separator: "/").map(String.init)
        let model = try #require(Self.catalog.model(named: parts[0]))
        let variant = try #require(model.variant(named: parts[1]))
        let loaded = try Self.runtimes.load(variant, of: model)
        for seed in [UInt64(1), 2, 3] {
            let inputs = try model.randomInputs(seed: seed)
            let ours = try loaded.run(inputs)
            let theirs = try Self.python(model: try #require(variant.path), inputs: inputs)
            #expect(ours.map(\.name) == theirs.map(\.name))
            #expect(ours.map(\.shape) == theirs.map(\.shape))
            for (mine, reference) in zip(ours, theirs) {
                let values = try #require(mine.floats)
                #expect(values.count == reference.values.count)
                for (a, b) in zip(values, reference.values) {
                    if variant.name == "int8" {
                        #expect(a == b, "\(name) seed \(seed): \(a) vs \(b)")
                    } else {
                        #expect(abs(a - b) <= 1e-5 * max(abs(b), 1e-6), "\(name) seed \(seed): \(a) vs \(b)")
                    }
                }
            }
        }
    }

    @Test func corruptModelFileIsALoadErrorWithTheRuntimesMessage() throws {
        let folder = try TemporaryFolder()
        try folder.write("corrupt.onnx", "this is not a protobuf")
        let model = try #require(Self.catalog.model(named: "sensor-mlp"))
        var variant = model.variants[0]
        variant.path = folder.path + "/corrupt.onnx"
        #expect {
            try Self.runtimes.load(variant, of: model)
        } throws: { error in
            let text = "\(error)"
            return (error as? InferenceError)?.kind == .loadFailed && text.contains("corrupt.onnx")
                && text.contains("CreateSession")
        }
    }

    @Test func modelThatDisagreesWithItsManifestIsRefusedAtLoad() throws {
        var model = try #require(Self.catalog.model(named: "sensor-mlp"))
        model.inputs = [TensorSpec(name: "series", datatype: .fp32, shape: [-1, 16])]
        #expect {
            try Self.runtimes.load(model.variants[0], of: model)
        } throws: { error in
            "\(error)".contains(
                "the model's inputs \"series\" is series FP32[-1, 32], the manifest says series FP32[-1, 16]")
        }
    }

    @Test func missingLibraryIsNamedAndSyntheticVariantsStillServe() throws {
        let runtimes = Runtimes(onnxRuntimePath: "/nonexistent/libonnxruntime.so")
        let sensor = try #require(Self.catalog.model(named: "sensor-mlp"))
        #expect {
            try runtimes.load(sensor.variants[0], of: sensor)
        } throws: { error in
            (error as? InferenceError)?.kind == .runtimeMissing
                && "\(error)".contains("/nonexistent/libonnxruntime.so: cannot load ONNX Runtime: dlopen")
        }
        let synthetic = try #require(Self.catalog.model(named: "synthetic-matmul"))
        let loaded = try runtimes.load(synthetic.variants[1], of: synthetic)
        #expect(loaded.isSynthetic)
        #expect(try loaded.run(try synthetic.randomInputs(seed: 1)).first?.name == "checksum")
    }

    /// Runs models/run_reference.py (onnxruntime in Python) on the same inputs.
    static func python(model: String, inputs: [Tensor]) throws -> [(name: String, shape: [Int], values: [Float])] {
        let folder = try TemporaryFolder()
        try folder.write(
            "request.json",
            String(
                decoding: InferenceRequest(inputs: inputs.map { RequestInput(tensor: $0) }).encodedJSON(), as: UTF8.self
            ))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", FixtureTrees.modelsFolder + "/run_reference.py", model, folder.path + "/request.json",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "run_reference.py failed")
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(document["outputs"] as? [[String: Any]])
        return outputs.map { output in
            (
                output["name"] as? String ?? "",
                (output["shape"] as? [Int]) ?? [],
                ((output["data"] as? [NSNumber]) ?? []).map { Float($0.doubleValue) }
            )
        }
    }
}
