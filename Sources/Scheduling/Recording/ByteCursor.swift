/// Reads little-endian integers and length-prefixed strings from bytes in
/// order, throwing `truncated` at the offset where the bytes run out.
struct ByteCursor {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func read<Integer: FixedWidthInteger>(_: Integer.Type, _ field: String) throws(RecordingFormatError)
        -> Integer
    {
        let size = Integer.bitWidth / 8
        guard remaining >= size else {
            throw RecordingFormatError(
                .truncated, at: offset, "the file ends inside \(field) (\(remaining) of \(size) bytes)")
        }
        var value = Integer.zero
        for index in 0..<size {
            value |= Integer(truncatingIfNeeded: bytes[offset + index]) << (8 * index)
        }
        offset += size
        return value
    }

    mutating func readString(_ field: String) throws(RecordingFormatError) -> String {
        let start = offset
        let length = Int(try read(UInt16.self, field))
        guard remaining >= length else {
            throw RecordingFormatError(
                .truncated, at: start, "the file ends inside \(field) (\(remaining) of \(length) bytes)")
        }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    mutating func readTable(_ field: String) throws(RecordingFormatError) -> [String] {
        let count = Int(try read(UInt16.self, "the count of \(field)"))
        var names: [String] = []
        for index in 0..<count {
            names.append(try readString("\(field)[\(index)]"))
        }
        return names
    }
}
