import Foundation
import Glibc
import Inference
import TestFixtures
import Testing

/// FP32 values are the nearest float to the literal: checked against the C
/// library's `strtof` on seeded random literals, half of them within a few
/// digits of a point halfway between two floats.
extension InferenceRequestDecoderTests {
    @Test func fp32ValuesAreTheNearestFloatToTheLiteral() throws {
        var random = TestSeed.generator(for: "fp32ValuesAreTheNearestFloatToTheLiteral")
        var literals: [String] = []
        for _ in 0..<4000 {
            if Bool.random(using: &random) {
                let digits = (0..<Int.random(in: 1...24, using: &random)).map { _ in
                    String(Int.random(in: 0...9, using: &random))
                }
                let point = Int.random(in: 0...digits.count, using: &random)
                let whole = digits[..<point].joined()
                let fraction = digits[point...].joined()
                let exponent = Int.random(in: -40...40, using: &random)
                literals.append(
                    (whole.isEmpty ? "0" : String(Int(whole.prefix(18)) ?? 0))
                        + (fraction.isEmpty ? "" : "." + fraction)
                        + "e\(exponent)")
            } else {
                let bits =
                    Bool.random(using: &random)
                    ? UInt32.random(in: 0x3000_0000...0x4F00_0000, using: &random)
                    : UInt32.random(in: 0...0x7F7F_FFFE, using: &random)
                let value = Float(bitPattern: bits)
                let midpoint = (Double(value) + Double(value.nextUp)) / 2
                let text = String(format: "%.\(Int.random(in: 14...24, using: &random))e", midpoint)
                let mantissa = text.prefix { $0 != "e" }
                let exponent = text.drop { $0 != "e" }
                let last = Int.random(in: -2...2, using: &random)
                literals.append(
                    String(mantissa.dropLast())
                        + String(max(0, min(9, (Int(String(mantissa.last ?? "0")) ?? 0) + last)))
                        + exponent)
            }
        }
        literals = literals.filter { strtof($0, nil).isFinite }
        let data = literals.joined(separator: ",")
        let body =
            #"{"inputs": [{"name": "x", "datatype": "FP64", "shape": [\#(literals.count)], "data": [\#(data)]}]}"#
        let fp32 = body.replacingOccurrences(of: "FP64", with: "FP32")
        let decoded = try InferenceRequestDecoder().decode(Array(fp32.utf8)).tensors[0]
        let floats = try #require(decoded.floats)
        for (literal, value) in zip(literals, floats) {
            let expected = strtof(literal, nil)
            #expect(value.bitPattern == expected.bitPattern, "\(literal): \(value), strtof says \(expected)")
        }
        let doubles = try InferenceRequestDecoder().decode(Array(body.utf8)).tensors[0].bytes
        for (index, literal) in literals.enumerated() {
            let value = doubles.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index * 8, as: Double.self) }
            #expect(value.bitPattern == strtod(literal, nil).bitPattern, "\(literal)")
        }
    }
}
