import Glibc
import Topology

/// xoshiro256** seeded through SplitMix64: the simulator's only source of
/// randomness, so that a seed gives the same run every time.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose every number follows from `seed`.
    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        state = (mix.next(), mix.next(), mix.next(), mix.next())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// Uniform in (0, 1].
    public mutating func unit() -> Double {
        Double(next() >> 11 + 1) / Double(1 << 53)
    }

    /// Exponentially distributed with the given mean (Poisson inter-arrivals).
    public mutating func exponential(mean: Double) -> Double {
        -mean * log(unit())
    }

    /// Standard normal (Box–Muller).
    public mutating func normal() -> Double {
        sqrt(-2 * log(unit())) * cos(2 * Double.pi * unit())
    }

    /// Log-normal with the given mean and coefficient of variation: service
    /// times that are never negative and spread as `cv` says.
    public mutating func logNormal(mean: Double, cv: Double) -> Double {
        let sigmaSquared = log(1 + cv * cv)
        return exp(log(mean) - sigmaSquared / 2 + sqrt(sigmaSquared) * normal())
    }
}
