/// The constants of the agent's ZeroMQ protocol, version 1 (docs/protocol.md), as a client sends and reads them.
enum WireFormat {
    /// The first two bytes of every header: `es`.
    static let magic: [UInt8] = [0x65, 0x73]
    /// The protocol version this client speaks.
    static let version: UInt8 = 1
    /// The kind byte of an infer request.
    static let requestKind: UInt8 = 1
    /// The kind byte of an infer reply.
    static let replyKind: UInt8 = 2
    /// Request flag bit 0: serve only the preferred variant.
    static let noDowngradeFlag: UInt16 = 0x0001
    /// Where the request id stands in both headers.
    static let requestIDOffset = 4
}

extension [UInt8] {
    /// Appends `value`'s bytes, least significant first, as every integer of the protocol travels.
    mutating func appendLittleEndian(_ value: some FixedWidthInteger) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
