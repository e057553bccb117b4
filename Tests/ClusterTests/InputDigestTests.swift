import Cluster
import Testing

@Suite struct InputDigestTests {
    /// The published FNV-1a 64 test vectors.
    @Test(arguments: [
        ("", 0xCBF2_9CE4_8422_2325 as UInt64), ("a", 0xAF63_DC4C_8601_EC8C), ("foobar", 0x8594_4171_F739_67E8),
    ])
    func bytesHashToTheFNV1a64TestVectors(text: String, expected: UInt64) {
        var digest = InputDigest()
        for byte in text.utf8 { digest.combine(byte: byte) }
        #expect(digest.value == expected)
    }

    @Test func negativeZeroAndEveryNaNHashAlike() {
        var zero = InputDigest()
        zero.combine(0.0)
        var negativeZero = InputDigest()
        negativeZero.combine(-0.0)
        #expect(zero == negativeZero)
        var nan = InputDigest()
        nan.combine(Double.nan)
        var signallingNaN = InputDigest()
        signallingNaN.combine(Double.signalingNaN)
        #expect(nan == signallingNaN)
    }

    @Test func lengthPrefixesKeepStringsApart() {
        var joined = InputDigest()
        joined.combine("ab")
        joined.combine("c")
        var split = InputDigest()
        split.combine("a")
        split.combine("bc")
        #expect(joined != split)
    }
}
