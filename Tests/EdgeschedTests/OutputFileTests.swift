import Foundation
import TestFixtures
import Testing

/// Every command that prints a result fails when standard output cannot take it.
@Suite struct OutputFileTests {
    static let tree = FixtureTrees.project("16x86-2pa2n2c2t-interleaved")

    @Test(
        "a result written to a full device is an error, not exit 0",
        arguments: [
            ["topology", "--root", tree, "--format", "json"],
            ["plan", "--root", tree],
            ["models", "run", "--models", FixtureTrees.modelsFolder, "--model", "sensor-mlp", "--random"],
            ["bench", "sched", "--scenario", "steady", "--policy", "fifo", "--seed", "1"],
        ]
    )
    func writingToAFullDeviceFails(arguments: [String]) throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else {
            Issue.record("/dev/full is missing: this test needs Linux's full device")
            return
        }
        let result = try Edgesched.run(arguments, under: ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full"])
        #expect(result.status == 1, "\(arguments): \(result.error)")
        #expect(result.error.contains("standard output: cannot write: No space left on device"), "\(result.error)")
    }
}
