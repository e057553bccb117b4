import Foundation
import Inference
import TestFixtures
import Testing

/// Seeded mutations of the shipped manifests: the catalog never traps or
/// hangs, every problem names the file, and what it keeps is within the limits.
extension ModelCatalogTests {
    static let hostileValues = [
        "1e400", ".nan", ".inf", "-.inf", "9223372036854775807", "9223372036854775808", "-1", "0", "2.5",
        "2147483648", "9.3e12", "[100000, 100000]", "[4294967296, 4294967296]", "[9223372036854775807]", "true",
        "~", "\"\"", "[]", "{}", String(repeating: "[", count: 200), "\u{FF}", "*alias", "&anchor x", "!!binary AA==",
    ]

    @Test func mutatedManifestsAreLoadedOrReportedWithTheirFile() throws {
        var random = TestSeed.generator(for: "mutatedManifestsAreLoadedOrReportedWithTheirFile")
        let seedNote = "(replay with \(TestSeed.variable) as printed above)"
        let originals = try ["classifier.yaml", "sensor-mlp.yaml", "synthetic-matmul.yaml"].map { name in
            try String(contentsOfFile: FixtureTrees.modelsFolder + "/" + name, encoding: .utf8)
        }
        let folder = try TemporaryFolder()
        let file = folder.path + "/m.yaml"
        let limits = CatalogLimits()
        for round in 0..<150 {
            var lines = (originals.randomElement(using: &random) ?? "").split(separator: "\n").map(String.init)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                Self.mutate(&lines, &random)
            }
            var bytes = Array(lines.joined(separator: "\n").utf8)
            if Int.random(in: 0..<4, using: &random) == 0, !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let catalog = ModelCatalog.load(folder: folder.path)
            let text = String(decoding: bytes, as: UTF8.self)
            for problem in catalog.problems {
                #expect(
                    problem.file == file && !problem.message.isEmpty,
                    "round \(round): \(problem) for\n\(text)\n\(seedNote)")
            }
            for model in catalog.models {
                for tensor in model.inputs + model.outputs {
                    let smallest = tensor.shape.map { $0 == -1 ? 1 : $0 }
                    #expect(limits.tensors.refusal(shape: smallest, datatype: tensor.datatype) == nil)
                }
                for variant in model.variants {
                    #expect(variant.serviceTime >= .zero && variant.serviceTime <= .seconds(60), "\(seedNote)")
                }
                #expect(throws: Never.self) { try model.randomInputs(seed: 1) }
            }
        }
    }

    static func mutate(_ lines: inout [String], _ random: inout SeededGenerator) {
        guard !lines.isEmpty else { return }
        let index = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            if let colon = lines[index].firstIndex(of: ":") {
                lines[index] = lines[index][...colon] + " " + (hostileValues.randomElement(using: &random) ?? "")
            }
        case 1: lines.removeSubrange(index...)
        case 2: lines.remove(at: index)
        case 3: lines.insert(lines[index], at: index)
        default:
            var line = Array(lines[index])
            if !line.isEmpty { line.removeSubrange(Int.random(in: 0..<line.count, using: &random)...) }
            lines[index] = String(line)
        }
    }
}
