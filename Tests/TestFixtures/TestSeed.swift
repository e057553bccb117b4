import Foundation
public import Topology

/// The seed of a random test: taken from `EDGESCHED_TEST_SEED` to replay a
/// failure, otherwise drawn fresh. It is printed before the test uses it, so
/// it survives a crash (a trap or a signal) that would swallow a failure
/// message.
public enum TestSeed {
    /// The environment variable that replays a run: `EDGESCHED_TEST_SEED=N swift test --filter …`.
    public static let variable = "EDGESCHED_TEST_SEED"

    /// Returns the seed for the test named `test` and prints it on standard error at once.
    public static func make(for test: String) -> UInt64 {
        let given = ProcessInfo.processInfo.environment[variable].flatMap { UInt64($0) }
        let seed = given ?? UInt64.random(in: 0...UInt64.max)
        FileHandle.standardError.write(Data("\(test): seed \(seed) (replay with \(variable)=\(seed))\n".utf8))
        return seed
    }

    /// A generator for the test named `test`, seeded by ``make(for:)``.
    public static func generator(for test: String) -> SeededGenerator {
        SeededGenerator(seed: make(for: test))
    }
}
