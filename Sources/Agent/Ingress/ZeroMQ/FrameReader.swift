/// Reads one frame's little-endian fields in order (docs/protocol.md), so
/// that a problem names the frame, the field and the value.
struct FrameReader {
    /// What the frame is, for messages: `request header`, `input 0 header`.
    let frame: String
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer, frame: String) {
        self.bytes = bytes
        self.frame = frame
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - offset }

    mutating func uint8(_ field: String) throws(AgentError) -> UInt8 {
        try take(1, field).load(as: UInt8.self)
    }

    mutating func uint16(_ field: String) throws(AgentError) -> UInt16 {
        UInt16(littleEndian: try take(2, field).loadUnaligned(as: UInt16.self))
    }

    mutating func uint64(_ field: String) throws(AgentError) -> UInt64 {
        UInt64(littleEndian: try take(8, field).loadUnaligned(as: UInt64.self))
    }

    mutating func int64(_ field: String) throws(AgentError) -> Int64 {
        Int64(littleEndian: try take(8, field).loadUnaligned(as: Int64.self))
    }

    /// `length` bytes of UTF-8.
    mutating func string(length: UInt8, _ field: String) throws(AgentError) -> String {
        let raw = try take(Int(length), field)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw problem("\(field) (\(length) bytes) is not UTF-8")
        }
        return text
    }

    /// Checks that every byte was read: a frame is exactly as long as its fields.
    func finish() throws(AgentError) {
        guard remaining == 0 else {
            throw problem("\(remaining) bytes after the last field (\(bytes.count) bytes, \(offset) expected)")
        }
    }

    /// A `bad_request` naming this frame.
    func problem(_ sentence: String) -> AgentError {
        AgentError(.badRequest, "\(frame): \(sentence)")
    }

    private mutating func take(_ count: Int, _ field: String) throws(AgentError) -> UnsafeRawBufferPointer {
        guard count <= remaining else {
            throw problem("\(field) needs \(count) bytes at offset \(offset), \(remaining) left (\(bytes.count) bytes)")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}
