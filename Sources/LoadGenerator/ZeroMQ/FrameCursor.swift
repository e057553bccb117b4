/// Reads a received frame's fields in order, each little-endian integer in
/// place, so that a problem names the frame, the field and where it stood.
struct FrameCursor {
    /// What the frame is, for messages: `reply header`, `output 0 header`.
    let frame: String
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer, frame: String) {
        self.bytes = bytes
        self.frame = frame
    }

    /// The next integer of type `Value`.
    mutating func read<Value: FixedWidthInteger>(_: Value.Type, _ field: String) throws(LoadError) -> Value {
        let raw = try take(MemoryLayout<Value>.size, field)
        return Value(littleEndian: raw.loadUnaligned(as: Value.self))
    }

    /// The next `length` bytes, as UTF-8 text.
    mutating func text(length: Int, _ field: String) throws(LoadError) -> String {
        let raw = try take(length, field)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw problem("\(field) (\(length) bytes) is not UTF-8")
        }
        return text
    }

    /// Checks that the frame held nothing after its last field.
    func finish() throws(LoadError) {
        guard offset == bytes.count else {
            throw problem(
                "\(bytes.count - offset) bytes after the last field (\(bytes.count) bytes, \(offset) expected)")
        }
    }

    /// A malformed reply naming this frame.
    func problem(_ sentence: String) -> LoadError {
        LoadError(.malformedReply, "\(frame): \(sentence)")
    }

    private mutating func take(_ count: Int, _ field: String) throws(LoadError) -> UnsafeRawBufferPointer {
        guard count <= bytes.count - offset else {
            throw problem("\(field) needs \(count) bytes at offset \(offset), the frame has \(bytes.count)")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}
