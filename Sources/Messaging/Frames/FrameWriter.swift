/// Builds one frame's little-endian fields in order (docs/protocol.md): the
/// agent's replies and a client's requests alike.
public struct FrameWriter {
    /// The frame so far.
    public private(set) var frame: [UInt8] = []

    /// An empty frame with room for `capacity` bytes.
    public init(capacity: Int) {
        frame.reserveCapacity(capacity)
    }

    /// Appends one byte.
    public mutating func uint8(_ value: UInt8) {
        frame.append(value)
    }

    /// Appends 2 bytes, little-endian.
    public mutating func uint16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { frame.append(contentsOf: $0) }
    }

    /// Appends 8 bytes, little-endian.
    public mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { frame.append(contentsOf: $0) }
    }

    /// Appends 8 bytes, little-endian, two's complement.
    public mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { frame.append(contentsOf: $0) }
    }

    /// Appends `bytes` as they are.
    public mutating func bytes(_ bytes: some Collection<UInt8>) {
        frame.append(contentsOf: bytes)
    }

    /// Appends the 12 bytes every request and reply header starts with:
    /// the magic, the version, `kind` and the request id.
    public mutating func headerStart(kind: UInt8, id: UInt64) {
        uint8(ProtocolV1.magic.0)
        uint8(ProtocolV1.magic.1)
        uint8(ProtocolV1.version)
        uint8(kind)
        uint64(id)
    }

    /// Appends a tensor header (docs/protocol.md): the name's and datatype's
    /// lengths, the rank, a reserved 0, the dimensions, the name and the
    /// datatype. The caller has checked that each fits its field (at most
    /// 255 bytes or dimensions).
    public mutating func tensorHeader(name: some Collection<UInt8>, datatype: some Collection<UInt8>, shape: [Int]) {
        uint8(UInt8(truncatingIfNeeded: name.count))
        uint8(UInt8(truncatingIfNeeded: datatype.count))
        uint8(UInt8(truncatingIfNeeded: shape.count))
        uint8(0)
        for dimension in shape {
            int64(Int64(dimension))
        }
        bytes(name)
        bytes(datatype)
    }

    /// `text`'s UTF-8, cut at a character boundary to at most `limit` bytes,
    /// so that it fits its length field.
    public static func clipped(_ text: String, to limit: Int) -> Substring.UTF8View {
        let utf8 = text.utf8
        guard utf8.count > limit else { return Substring(text).utf8 }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) {
            end = utf8.index(before: end)
        }
        return text[..<end].utf8
    }
}
