import Inference
import TestFixtures
import Testing

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
}
