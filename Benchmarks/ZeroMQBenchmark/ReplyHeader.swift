/// What the client reads from a reply's first frame (docs/protocol.md, "Reply
/// header"): the request id, and the status and reason when it is an infer
/// reply. The echo sends the request header back, which has the id at the
/// same offset and no status.
struct ReplyHeader {
    /// The request id, at offset 4 in requests and replies alike.
    let id: UInt64
    /// The HTTP status of an infer reply (kind 2); nil for an echoed request (kind 1).
    let status: UInt16?
    /// The refusal's reason (`in_flight_limit`, …); empty when it ran or for an echo.
    let reason: String

    /// Reads `bytes`, or nil when they are not a protocol v1 header.
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 12, bytes[0] == 0x65, bytes[1] == 0x73, bytes[2] == 1 else { return nil }
        id = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt64.self))
        switch bytes[3] {
        case 1:
            status = nil
            reason = ""
        case 2:
            guard bytes.count >= 40 else { return nil }
            status = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt16.self))
            let reasonLength = Int(bytes[34])
            guard bytes.count >= 40 + reasonLength else { return nil }
            reason = String(decoding: bytes[40..<(40 + reasonLength)], as: UTF8.self)
        default:
            return nil
        }
    }
}
