/// Writes protobuf fields into a buffer sized beforehand (``size(ofLengthDelimited:)``),
/// so that an output tensor goes from the runtime's array into the
/// transport's buffer in one copy.
struct ProtobufWireWriter {
    private let buffer: UnsafeMutableRawBufferPointer
    private var offset = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    /// Whether every byte of the buffer was written.
    var isFull: Bool { offset == buffer.count }

    /// Bytes as they are: an encoding of fields, or a field's payload.
    mutating func write(_ bytes: [UInt8]) {
        precondition(bytes.count <= buffer.count - offset, "the buffer was sized for less")
        bytes.withUnsafeBytes { source in
            guard let start = source.baseAddress, let target = buffer.baseAddress else { return }
            (target + offset).copyMemory(from: start, byteCount: source.count)
        }
        offset += bytes.count
    }

    /// A length-delimited field's tag and length; its payload follows.
    mutating func writeLengthDelimitedHeader(field number: UInt64, length: Int) {
        writeVarint(number << 3 | ProtobufWireType.lengthDelimited.rawValue)
        writeVarint(UInt64(length))
    }

    private mutating func writeVarint(_ value: UInt64) {
        precondition(Self.varintSize(value) <= buffer.count - offset, "the buffer was sized for less")
        var rest = value
        while rest >= 0x80 {
            buffer[offset] = UInt8(truncatingIfNeeded: rest) | 0x80
            offset += 1
            rest >>= 7
        }
        buffer[offset] = UInt8(rest)
        offset += 1
    }

    /// The bytes of a length-delimited field of `number` with `length` bytes of payload.
    static func size(ofLengthDelimited number: UInt64, length: Int) -> Int {
        varintSize(number << 3) + varintSize(UInt64(length)) + length
    }

    private static func varintSize(_ value: UInt64) -> Int {
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
    }
}
