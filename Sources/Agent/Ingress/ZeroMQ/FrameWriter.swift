/// Builds one frame's little-endian fields in order (docs/protocol.md).
struct FrameWriter {
    private(set) var frame: [UInt8] = []

    init(capacity: Int) {
        frame.reserveCapacity(capacity)
    }

    mutating func uint8(_ value: UInt8) {
        frame.append(value)
    }

    mutating func uint16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { frame.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { frame.append(contentsOf: $0) }
    }

    mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { frame.append(contentsOf: $0) }
    }

    mutating func bytes(_ bytes: some Collection<UInt8>) {
        frame.append(contentsOf: bytes)
    }

    /// `text`'s UTF-8, cut at a character boundary to at most `limit` bytes,
    /// so that it fits its length field.
    static func clipped(_ text: String, to limit: Int) -> Substring.UTF8View {
        let utf8 = text.utf8
        guard utf8.count > limit else { return Substring(text).utf8 }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) {
            end = utf8.index(before: end)
        }
        return text[..<end].utf8
    }
}
