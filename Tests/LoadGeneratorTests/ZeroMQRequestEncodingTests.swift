import LoadGenerator
import Messaging
import Testing

/// The request frames against docs/protocol.md's worked example, byte for byte.
@Suite struct ZeroMQRequestEncodingTests {
    /// Hex as the document writes it, one line a field, each line's comment dropped.
    private func bytes(_ lines: [String]) -> [UInt8] {
        lines.flatMap { $0.split(separator: " ").map { UInt8($0, radix: 16) ?? 0xFF } }
    }

    @Test func theHeaderIsTheWorkedExamplesBytes() throws {
        let header = try ZeroMQRequestEncoding.header(
            .init(
                id: 7, timeoutMicroseconds: 20_000, noDowngrade: false, inputCount: 1, model: "sensor-mlp",
                priority: "critical"))
        #expect(
            header
                == bytes([
                    "65 73 01 01",
                    "07 00 00 00 00 00 00 00",
                    "20 4e 00 00 00 00 00 00",
                    "00 00",
                    "01 00",
                    "0a 08 00 00",
                    "73 65 6e 73 6f 72 2d 6d 6c 70",
                    "63 72 69 74 69 63 61 6c",
                ]))
    }

    @Test func theTensorHeaderIsTheWorkedExamplesBytes() throws {
        let header = try ZeroMQRequestEncoding.tensorHeader(name: "series", datatype: "FP32", shape: [1, 32])
        #expect(
            header
                == bytes([
                    "06 04 02 00",
                    "01 00 00 00 00 00 00 00",
                    "20 00 00 00 00 00 00 00",
                    "73 65 72 69 65 73",
                    "46 50 33 32",
                ]))
    }

    @Test func noDowngradeAndTheVariantsTakeTheirFieldsInOrder() throws {
        let header = try ZeroMQRequestEncoding.header(
            .init(
                id: 0x0102, timeoutMicroseconds: 0, noDowngrade: true, inputCount: 2, model: "m", priority: "",
                lowestVariant: "int8", pinnedVariant: "fp32"))
        #expect(header[4...5] == [0x02, 0x01])
        #expect(header[20...23] == [0x01, 0x00, 0x02, 0x00], "flag bit 0, then 2 inputs")
        #expect(header[24...27] == [1, 0, 4, 4])
        #expect(String(decoding: header[28...], as: UTF8.self) == "mint8fp32")
    }

    @Test func aNameTooLongForItsLengthByteIsRefused() {
        let long = String(repeating: "m", count: 256)
        let error = #expect(throws: LoadError.self) {
            try ZeroMQRequestEncoding.header(
                .init(id: 1, timeoutMicroseconds: 0, noDowngrade: false, inputCount: 1, model: long, priority: ""))
        }
        #expect(error?.message.contains("model") == true)
        #expect(
            error?.message.contains("256 bytes, the protocol carries at most 255") == true,
            "\(String(describing: error))")
    }
}
