public import Topology

/// The tests' seeded generator: the package's one SplitMix64, so a failing
/// random case can be replayed from the seed its test prints.
public typealias SeededGenerator = SplitMix64
