import Messaging
import Testing

@Suite struct FrameReaderTests {
    struct Problem: FrameProblem, Equatable {
        let sentence: String
        init(frameProblem sentence: String) { self.sentence = sentence }
    }

    private let bytes: [UInt8] = [0x07, 0x34, 0x12, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] + Array("ok".utf8)

    @Test func readsLittleEndianFieldsInOrderAndChecksTheEnd() throws {
        try bytes.withUnsafeBytes { raw in
            var reader = FrameReader<Problem>(raw, frame: "test frame")
            #expect(try reader.uint8("a") == 7)
            #expect(try reader.uint16("b") == 0x1234)
            #expect(try reader.int64("c") == -2)
            #expect(reader.remaining == 2)
            #expect(try reader.string(length: UInt8(2), "d") == "ok")
            try reader.finish()
        }
    }

    @Test func aFieldPastTheEndBytesLeftOverOrBadTextNameTheFrameAndTheField() {
        ([0x07, 0xC3, 0x28] as [UInt8]).withUnsafeBytes { raw in
            var reader = FrameReader<Problem>(raw, frame: "test frame")
            #expect(throws: Problem(frameProblem: "test frame: a needs 8 bytes at offset 0, 3 left (3 bytes)")) {
                try reader.uint64("a")
            }
            #expect(throws: Problem(frameProblem: "test frame: 3 bytes after the last field (3 bytes, 0 expected)")) {
                try reader.finish()
            }
            _ = try? reader.uint8("a")
            #expect(throws: Problem(frameProblem: "test frame: b (2 bytes) is not UTF-8")) {
                try reader.string(length: 2, "b")
            }
        }
    }
}
