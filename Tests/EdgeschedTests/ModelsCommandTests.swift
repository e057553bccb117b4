import Foundation
import TestFixtures
import Testing

/// `edgesched models` as an operator runs it.
@Suite struct ModelsCommandTests {
    @Test func checkLoadsAndRunsEveryShippedVariant() throws {
        let result = try Edgesched.run(["models", "check", "--models", FixtureTrees.modelsFolder])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        let rows = result.output.split(separator: "\n").dropFirst()
        #expect(rows.count == 9)
        #expect(rows.allSatisfy { $0.hasSuffix(" ok") })
        #expect(rows.filter { $0.contains("synthetic (not a real model)") }.count == 2)
    }

    @Test func checkReportsProblemsAndFails() throws {
        let folder = NSTemporaryDirectory() + "edgesched-models-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("name: lonely\n".utf8).write(to: URL(fileURLWithPath: folder + "/lonely.yaml"))
        let result = try Edgesched.run(["models", "check", "--models", folder])
        #expect(result.status == 1)
        #expect(result.output.contains("\(folder)/lonely.yaml: inputs: is missing"))
    }

    @Test func checkKeepsTheHealthyModelsWhenAManifestDeclaresTooMuchAndShowsProgress() throws {
        let folder = NSTemporaryDirectory() + "edgesched-models-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = """
            name: NAME
            inputs: [{name: x, datatype: FP32, shape: SHAPE}]
            outputs: [{name: checksum, datatype: FP64, shape: [1]}]
            variants: [{name: full, runtime: synthetic, service_ms: SERVICE, memory_mb: 1}]
            """
        for (name, shape, service) in [
            ("huge", "[100000, 100000]", "1"), ("slow", "[1]", "2147483648"), ("healthy", "[-1, 4]", "1"),
        ] {
            let text = manifest.replacingOccurrences(of: "NAME", with: name)
                .replacingOccurrences(of: "SHAPE", with: shape).replacingOccurrences(of: "SERVICE", with: service)
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name).yaml"))
        }
        let result = try Edgesched.run(["models", "check", "--models", folder])
        #expect(result.status == 1)
        #expect(
            result.output.split(separator: "\n").contains { $0.hasPrefix("healthy ") && $0.hasSuffix(" ok") },
            "\(result.output)")
        #expect(result.output.contains("\(folder)/huge.yaml: inputs[0].shape: shape [100000, 100000] of FP32"))
        #expect(result.output.contains("\(folder)/slow.yaml: variants[0].service_ms: 2147483648.0 is more than"))
        #expect(result.error.contains("checking healthy/full (1 of 1)"), "\(result.error)")
    }

    @Test(
        "input mistakes exit 1 with the reason, not the usage line; usage mistakes exit 64 naming the value",
        arguments: [
            (["run", "--model", "nope", "--random"], 1, #"model "nope" is not in "#),
            (
                ["run", "--models", "/nonexistent", "--model", "x", "--random"], 1,
                "/nonexistent: cannot be listed: No such file or directory"
            ),
            (
                ["run", "--model", "sensor-mlp", "--input", "/nonexistent.json"], 1,
                "/nonexistent.json: cannot be read: No such file or directory"
            ),
            (
                ["run", "--model", "sensor-mlp", "--variant", "fp3", "--random"], 1,
                #"model sensor-mlp has no variant "fp3" (variants: fp32, int8)"#
            ),
            (["check", "--runs", "-1"], 64, "--runs -1: give a number of warm runs of 1 or more"),
        ]
    )
    func mistakeExitsWithItsReason(arguments: [String], status: Int32, message: String) throws {
        var command = ["models"] + arguments
        if !arguments.contains("--models") { command += ["--models", FixtureTrees.modelsFolder] }
        let result = try Edgesched.run(command)
        #expect(result.status == status)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.error.contains("Usage:") == (status == 64), "\(result.error)")
        #expect(!result.error.contains("NSCocoaErrorDomain"))
    }

    @Test func theRuntimeMissingIsSaidOnceWithThePathAndTheFix() throws {
        let result = try Edgesched.run([
            "models", "check", "--models", FixtureTrees.modelsFolder, "--onnxruntime", "/nowhere/libonnxruntime.so",
        ])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").filter { $0.contains("/nowhere/libonnxruntime.so") }
        #expect(lines.count == 1, "\(result.output)")
        #expect(lines.first?.contains("give --onnxruntime PATH") == true)
    }

    @Test func aMissingPreferredVariantIsSaidAndRefusedWithTheReason() throws {
        let folder = NSTemporaryDirectory() + "edgesched-models-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["sensor-mlp.yaml", "sensor-mlp.int8.onnx"] {
            try FileManager.default.copyItem(
                atPath: FixtureTrees.modelsFolder + "/" + name, toPath: folder + "/" + name)
        }
        let served = try Edgesched.run(["models", "run", "--models", folder, "--model", "sensor-mlp", "--random"])
        #expect(served.status == 0, "\(served.error)")
        #expect(served.output.contains(#""model_version":"int8""#))
        #expect(
            served.error.contains(
                "serving sensor-mlp/int8: fp32 is unavailable: \(folder)/sensor-mlp.yaml: variants[0].file: "
                    + #""sensor-mlp.fp32.onnx" not found"#), "\(served.error)")
        let refused = try Edgesched.run([
            "models", "run", "--models", folder, "--model", "sensor-mlp", "--variant", "fp32", "--random",
        ])
        #expect(refused.status == 1)
        #expect(
            refused.error.contains(
                "model sensor-mlp: variant fp32 is unavailable: \(folder)/sensor-mlp.yaml: variants[0].file"),
            "\(refused.error)")
    }

    @Test func runPrintsOpenInferenceProtocolJSON() throws {
        let result = try Edgesched.run([
            "models", "run", "--models", FixtureTrees.modelsFolder, "--model", "classifier", "--variant", "int8",
            "--random", "--seed", "4",
        ])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["model_name"] as? String == "classifier")
        #expect(document["model_version"] as? String == "int8")
        let output = try #require((document["outputs"] as? [[String: Any]])?.first)
        #expect(output["name"] as? String == "probabilities")
        #expect(output["shape"] as? [Int] == [1, 10])
        let probabilities = try #require(output["data"] as? [Double])
        #expect(abs(probabilities.reduce(0, +) - 1) < 0.05)
    }

    @Test func runReadsInputsFromAFileAndRefusesMismatchesBeforeRunning() throws {
        let file = NSTemporaryDirectory() + "edgesched-input-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(#"{"inputs": [{"name": "series", "datatype": "FP32", "shape": [1, 31], "data": []}]}"#.utf8).write(
            to: URL(fileURLWithPath: file))
        let result = try Edgesched.run([
            "models", "run", "--models", FixtureTrees.modelsFolder, "--model", "sensor-mlp", "--input", file,
        ])
        #expect(result.status == 1)
        #expect(
            result.error.contains(
                "\(file): byte 78 (line 1, column 79): inputs[0].data: 0 values for input \"series\" of shape [1, 31], expected 31"
            ),
            "\(result.error)")
    }

    @Test func nonFiniteOutputsArePrintedAsTheLiteralsPythonReads() throws {
        let file = NSTemporaryDirectory() + "edgesched-input-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let data = Array(repeating: "1e38", count: 32).joined(separator: ", ")
        try Data(#"{"inputs": [{"name": "series", "datatype": "FP32", "shape": [1, 32], "data": [\#(data)]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let result = try Edgesched.run([
            "models", "run", "--models", FixtureTrees.modelsFolder, "--model", "sensor-mlp", "--input", file,
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(
            result.output.contains(#""name":"scores","datatype":"FP32","shape":[1,4],"data":["#), "\(result.output)")
        #expect(result.output.contains("NaN") || result.output.contains("Infinity"), "\(result.output)")
    }

    @Test func syntheticRunGivesTheSameChecksumForTheSameSeed() throws {
        let arguments = [
            "models", "run", "--models", FixtureTrees.modelsFolder, "--model", "synthetic-matmul", "--random",
            "--seed", "3",
        ]
        let first = try Edgesched.run(arguments)
        let second = try Edgesched.run(arguments)
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output == second.output)
    }

    @Test func syntheticOutputSaysItIsSynthetic() throws {
        let result = try Edgesched.run([
            "models", "run", "--models", FixtureTrees.modelsFolder, "--model", "synthetic-matmul", "--random",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains(#""parameters":{"synthetic":true}"#))
    }
}
