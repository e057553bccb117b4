import Foundation
import Inference
import TestFixtures
import Testing

@Suite struct ModelCatalogTests {
    @Test func shippedCatalogHasNoProblems() {
        let catalog = ModelCatalog.load(folder: FixtureTrees.modelsFolder)
        #expect(catalog.problems.isEmpty, "\(catalog.problems)")
        #expect(catalog.models.map(\.name) == ["classifier", "sensor-mlp", "synthetic-matmul"])
        let classifier = catalog.model(named: "classifier")
        #expect(classifier?.inputs == [TensorSpec(name: "image", datatype: .fp32, shape: [-1, 3, 64, 64])])
        #expect(classifier?.variants.map(\.name) == ["fp32", "int8"])
        #expect(classifier?.variants.allSatisfy { $0.runtime == .onnxruntime && $0.path != nil } == true)
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
            "\(file): variants[0].service_ms: -2.0 is not a positive number of milliseconds",
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
