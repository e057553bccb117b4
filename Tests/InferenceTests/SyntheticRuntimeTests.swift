import TestFixtures
import Testing

@testable import Inference

/// The synthetic runtime: its answer depends on the inputs only, never on the calibration.
@Suite struct SyntheticRuntimeTests {
    @Test func theChecksumDependsOnTheInputsNotOnHowLongTheWorkTakes() throws {
        let model = try #require(ModelCatalog.load(folder: FixtureTrees.modelsFolder).model(named: "synthetic-matmul"))
        var short = model.variants[0]
        short.serviceTime = .microseconds(200)
        var long = short
        long.serviceTime = .milliseconds(3)
        let inputs = try model.randomInputs(seed: 5)
        let checksums = try [short, long, short].map { variant in
            try SyntheticRuntime().load(variant, of: model).run(inputs)
        }
        #expect(checksums[0] == checksums[1])
        #expect(checksums[0] == checksums[2])
        let other = try SyntheticRuntime().load(short, of: model).run(try model.randomInputs(seed: 6))
        #expect(other != checksums[0], "different inputs give a different checksum")
    }

    @Test func aZeroMillisecondVariantLoadsAndAnswersWithoutAnyMatrixProduct() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "noop.yaml",
            """
            name: noop
            inputs: [{name: x, datatype: FP32, shape: [-1, 60]}]
            outputs: [{name: checksum, datatype: FP64, shape: [1]}]
            variants:
              - {name: none, runtime: synthetic, service_ms: 0, memory_mb: 0}
              - {name: tiny, runtime: synthetic, service_ms: 0.001, memory_mb: 0}
            """)
        let catalog = ModelCatalog.load(folder: folder.path)
        #expect(catalog.problems.isEmpty, "\(catalog.problems)")
        let model = try #require(catalog.model(named: "noop"))
        let noop = try #require(try SyntheticRuntime().load(model.variants[0], of: model) as? SyntheticVariant)
        let tiny = try #require(try SyntheticRuntime().load(model.variants[1], of: model) as? SyntheticVariant)
        #expect(noop.repeats == 0)
        #expect(tiny.repeats >= 1, "the shortest positive service time still does one product")

        let outputs = try noop.run(try model.randomInputs(seed: 7))
        #expect(outputs.map(\.name) == ["checksum"])
        #expect(outputs.map(\.shape) == [[1]])
        #expect(outputs[0].bytes.count == 8)
        let again = try noop.run(try model.randomInputs(seed: 7))
        let other = try noop.run(try model.randomInputs(seed: 8))
        #expect(again == outputs)
        #expect(other != outputs, "the no-op's checksum still depends on the inputs")
    }

    /// One row per calibration: the CPU time of each round of products (ns), the repeat count for 2 ms.
    @Test(arguments: [
        ([16_000, 16_000, 16_000], 1000),
        ([80_000, 16_000, 400_000], 1000),
        ([400_000, 80_000, 16_000], 1000),
        ([16_000, 9_000_000], 1000),
        ([0], 2_000_000),
        ([Int64](), 2_000_000),
        ([200_000_000], 1),
    ])
    func theFastestCalibrationRoundSetsTheRepeatCount(rounds: [Int64], repeats: Int) {
        #expect(SyntheticVariant.productsPerRound == 8, "the rows assume 8 products a round")
        #expect(SyntheticVariant.repeats(forMilliseconds: 2, calibratedOn: rounds) == repeats)
    }
}
