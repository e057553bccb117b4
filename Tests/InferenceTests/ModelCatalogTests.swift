import Foundation
import Inference
import TestFixtures
import Testing

@Suite struct ModelCatalogTests {
    @Test func shippedCatalogHasNoProblems() {
        let catalog = ModelCatalog.load(folder: FixtureTrees.modelsFolder)
        #expect(catalog.problems.isEmpty, "\(catalog.problems)")
        #expect(catalog.models.map(\.name) == ["classifier", "sensor-mlp", "synthetic-matmul", "vision"])
        let classifier = catalog.model(named: "classifier")
        #expect(classifier?.inputs == [TensorSpec(name: "image", datatype: .fp32, shape: [-1, 3, 64, 64])])
        #expect(classifier?.variants.map(\.name) == ["fp32", "int8"])
        #expect(classifier?.variants.allSatisfy { $0.runtime == .onnxruntime && $0.path != nil } == true)
    }

    /// The 224x224 model's ladder: each rung cheaper than the one above, with
    /// its measured agreement with fp32 below 1.
    @Test func visionModelHasThreeRungsEachCheaperThanTheOneAbove() throws {
        let vision = try #require(ModelCatalog.load(folder: FixtureTrees.modelsFolder).model(named: "vision"))
        #expect(vision.inputs == [TensorSpec(name: "image", datatype: .fp32, shape: [-1, 3, 224, 224])])
        #expect(vision.outputs == [TensorSpec(name: "probabilities", datatype: .fp32, shape: [-1, 10])])
        #expect(vision.variants.map(\.name) == ["fp32", "int8", "small-int8"])
        #expect(vision.variants.allSatisfy { $0.runtime == .onnxruntime && $0.path != nil })
        let times = vision.variants.map(\.serviceTime)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 > $1 }, "\(times)")
        #expect(vision.variants.dropFirst().allSatisfy { ($0.accuracy ?? 1) < 1 })
    }

    @Test func everyProblemOfAManifestIsReportedWithFileKeyAndValue() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "broken.yaml",
            """
            name: broken
            colour: blue
            inputs:
              - name: x
                datatype: FLOAT32
                shape: [0, 3]
            outputs:
              - name: y
                datatype: FP32
                shape: [-1]
            variants:
              - name: fp32
                runtime: tensorflow
                service_ms: -2
                memory_mb: 1
              - name: int8
                runtime: onnxruntime
                file: nowhere.onnx
                service_ms: x
                memory_mb: 1
                accuracy: 2
            placement:
              domains: some
            """
        )
        let catalog = ModelCatalog.load(folder: folder.path)
        let problems = catalog.problems.map(\.description)
        let file = folder.path + "/broken.yaml"
        for expected in [
            "\(file): colour: is not a manifest key",
            "\(file): inputs[0].datatype: \"FLOAT32\" is not an Open Inference Protocol datatype",
            "\(file): inputs[0].shape: \"0\" is not a dimension",
            "\(file): variants[0].runtime: \"tensorflow\" is not a runtime (onnxruntime, synthetic)",
            "\(file): variants[0].service_ms: -2.0 is negative",
            "\(file): variants[1].file: \"nowhere.onnx\" not found",
            "\(file): variants[1].service_ms: \"x\" is not a number",
            "\(file): variants[1].accuracy: 2.0 is not between 0 and 1",
            "\(file): placement.domains: \"some\" is neither all nor a number of domains",
        ] {
            #expect(problems.contains { $0.hasPrefix(expected) }, "missing: \(expected)\nin: \(problems)")
        }
        #expect(catalog.models.isEmpty)
    }

    @Test func aBrokenVariantLeavesTheRestServing() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            atPath: FixtureTrees.modelsFolder + "/sensor-mlp.fp32.onnx", toPath: folder.path + "/m.fp32.onnx")
        try folder.write(
            "m.yaml",
            """
            name: m
            inputs: [{name: series, datatype: FP32, shape: [-1, 32]}]
            outputs: [{name: scores, datatype: FP32, shape: [-1, 4]}]
            variants:
              - {name: fp32, runtime: onnxruntime, file: m.fp32.onnx, service_ms: 1, memory_mb: 1}
              - {name: int8, runtime: onnxruntime, file: m.int8.onnx, service_ms: 1, memory_mb: 1}
            """
        )
        try folder.write("other.yaml", "name: other\n")
        let catalog = ModelCatalog.load(folder: folder.path)
        #expect(catalog.model(named: "m")?.variants.map(\.name) == ["fp32"])
        #expect(
            catalog.problems.map(\.description).contains {
                $0.contains("m.yaml: variants[1].file: \"m.int8.onnx\" not found")
            })
        #expect(catalog.problems.map(\.description).contains { $0.contains("other.yaml: inputs: is missing") })
    }

    @Test func invalidYAMLIsNamed() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.yaml", "name: [unclosed\n")
        let catalog = ModelCatalog.load(folder: folder.path)
        #expect(catalog.problems.first?.description.hasPrefix("\(folder.path)/bad.yaml: is not valid YAML") == true)
    }
}

/// A folder under the system's temporary folder, removed when released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "edgesched-models-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }
}

/// What a manifest declares is bounded before anything is allocated or run.
@Suite struct CatalogLimitsTests {
    static let healthy = """
        name: healthy
        inputs: [{name: x, datatype: FP32, shape: [-1, 4]}]
        outputs: [{name: checksum, datatype: FP64, shape: [1]}]
        variants: [{name: full, runtime: synthetic, service_ms: 1, memory_mb: 1}]
        """

    static func manifest(shape: String, service: String = "1", memory: String = "1") -> String {
        """
        name: big
        inputs: [{name: x, datatype: FP32, shape: \(shape)}]
        outputs: [{name: checksum, datatype: FP64, shape: [1]}]
        variants: [{name: full, runtime: synthetic, service_ms: \(service), memory_mb: \(memory)}]
        """
    }

    @Test(
        "a size or time past the limits is a problem naming file, key and value; the healthy model still loads",
        arguments: [
            (
                manifest(shape: "[100000, 100000]"), "inputs[0].shape",
                "shape [100000, 100000] of FP32 holds 10000000000 elements"
            ),
            (manifest(shape: "[4294967296, 4294967296]"), "inputs[0].shape", "more elements than fit in a 64-bit"),
            (manifest(shape: "[9223372036854775807]"), "inputs[0].shape", "more than the limit of 268435456 bytes"),
            (
                manifest(shape: "[" + Array(repeating: "1", count: 40).joined(separator: ",") + "]"), "inputs[0].shape",
                "40 dimensions"
            ),
            (
                manifest(shape: "[-1, 4]", service: "9.3e12"), "variants[0].service_ms",
                "9300000000000.0 is more than the limit of 60000.0 ms"
            ),
            (
                manifest(shape: "[-1, 4]", service: "2147483648"), "variants[0].service_ms",
                "2147483648.0 is more than the limit"
            ),
            (manifest(shape: "[-1, 4]", memory: "1e300"), "variants[0].memory_mb", "1e+300 is more than the limit"),
        ]
    )
    func declaredSizeOrTimePastTheLimitIsAProblem(manifest: String, key: String, message: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("big.yaml", manifest)
        try folder.write("healthy.yaml", Self.healthy)
        let catalog = ModelCatalog.load(folder: folder.path)
        #expect(catalog.models.map(\.name) == ["healthy"])
        let expected = "\(folder.path)/big.yaml: \(key): "
        #expect(
            catalog.problems.map(\.description).contains { $0.hasPrefix(expected) && $0.contains(message) },
            "\(catalog.problems)")
    }

    @Test func limitsAreConfigurable() throws {
        let folder = try TemporaryFolder()
        try folder.write("healthy.yaml", Self.healthy)
        let strict = CatalogLimits(tensors: TensorLimits(maximumTensorBytes: 8), maximumServiceMilliseconds: 0.5)
        let catalog = ModelCatalog.load(folder: folder.path, limits: strict)
        #expect(catalog.models.isEmpty)
        #expect(catalog.problems.count == 2, "\(catalog.problems)")
    }

    @Test func syntheticRuntimeRefusesAServiceTimePastItsLimit() throws {
        let model = ModelManifest(
            name: "m", description: "", inputs: [], outputs: [TensorSpec(name: "c", datatype: .fp64, shape: [1])],
            variants: [], placement: PlacementHints(), file: "m.yaml")
        let variant = VariantManifest(
            name: "v", runtime: .synthetic, path: nil, accuracy: nil, serviceTime: .seconds(Int64.max),
            memoryMegabytes: 1)
        #expect(throws: InferenceError.self) { try SyntheticRuntime().load(variant, of: model) }
    }
}
