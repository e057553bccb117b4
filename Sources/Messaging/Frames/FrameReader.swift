/// Reads one received frame's little-endian fields in order, each in place, so that a problem names the
/// frame, the field and the value: the agent's requests and a client's replies (docs/protocol.md) alike.
///
/// It never traps on input: a field past the end, text that is not UTF-8 or bytes left over throw `Failure`.
public struct FrameReader<Failure: FrameProblem> {
    /// What the frame is, for messages: `request header`, `input 0 header`.
    public let frame: String
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    /// A reader of `bytes`, named `frame` in its errors; the bytes must outlive it.
    public init(_ bytes: UnsafeRawBufferPointer, frame: String) {
        self.bytes = bytes
        self.frame = frame
    }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - offset }

    /// The next byte.
    public mutating func uint8(_ field: String) throws(Failure) -> UInt8 {
        try integer(field)
    }

    /// The next 2 bytes, little-endian.
    public mutating func uint16(_ field: String) throws(Failure) -> UInt16 {
        try integer(field)
    }

    /// The next 8 bytes, little-endian.
    public mutating func uint64(_ field: String) throws(Failure) -> UInt64 {
        try integer(field)
    }

    /// The next 8 bytes, little-endian, two's complement.
    public mutating func int64(_ field: String) throws(Failure) -> Int64 {
        try integer(field)
    }

    /// The next `length` bytes, as UTF-8 text.
    public mutating func string(length: some BinaryInteger, _ field: String) throws(Failure) -> String {
        let raw = try take(Int(length), field)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw problem("\(field) (\(length) bytes) is not UTF-8")
        }
        return text
    }

    /// Checks that every byte was read: a frame is exactly as long as its fields.
    public func finish() throws(Failure) {
        guard remaining == 0 else {
            throw problem("\(remaining) bytes after the last field (\(bytes.count) bytes, \(offset) expected)")
        }
    }

    /// The error for `sentence`, naming this frame.
    public func problem(_ sentence: String) -> Failure {
        Failure(frameProblem: "\(frame): \(sentence)")
    }

    private mutating func integer<Value: FixedWidthInteger>(_ field: String) throws(Failure) -> Value {
        Value(littleEndian: try take(MemoryLayout<Value>.size, field).loadUnaligned(as: Value.self))
    }

    private mutating func take(_ count: Int, _ field: String) throws(Failure) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw problem("\(field) needs \(count) bytes at offset \(offset), \(remaining) left (\(bytes.count) bytes)")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}
