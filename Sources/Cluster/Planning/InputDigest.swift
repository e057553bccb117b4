/// FNV-1a 64 over a canonical byte encoding: a stable hash that every build
/// and every process computes alike (Swift's `Hasher` is seeded per process,
/// so it cannot name inputs across coordinators).
///
/// The encoding is little-endian integers, doubles by bit pattern (with
/// -0 as 0 and every NaN as one NaN), strings and lists length-prefixed,
/// optionals with a presence byte, so no two distinct inputs share bytes.
public struct InputDigest: Sendable, Equatable {
    /// The hash of the bytes so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// A digest of no bytes.
    public init() {}

    /// Adds one byte.
    public mutating func combine(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    /// Adds an unsigned integer as eight little-endian bytes.
    public mutating func combine(_ integer: UInt64) {
        var rest = integer
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }

    /// Adds a signed integer as its two's-complement bits.
    public mutating func combine(_ integer: Int) {
        combine(UInt64(bitPattern: Int64(integer)))
    }

    /// Adds a double by bit pattern, -0 as 0 and every NaN as the one quiet NaN.
    public mutating func combine(_ double: Double) {
        if double.isNaN {
            combine(Double.nan.bitPattern)
        } else {
            combine((double == 0 ? 0 : double).bitPattern)
        }
    }

    /// Adds a string as its UTF-8 length, then its bytes.
    public mutating func combine(_ string: String) {
        combine(string.utf8.count)
        for byte in string.utf8 {
            combine(byte: byte)
        }
    }
}
