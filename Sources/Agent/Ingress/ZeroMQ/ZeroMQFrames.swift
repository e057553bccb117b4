/// The constants of docs/protocol.md, version 1.
enum ZeroMQFrames {
    /// The first two bytes of every header: `es`.
    static let magic: (UInt8, UInt8) = (0x65, 0x73)
    /// The protocol version this agent speaks.
    static let version: UInt8 = 1
    /// The kind byte of an infer request.
    static let inferRequest: UInt8 = 1
    /// The kind byte of an infer reply.
    static let inferReply: UInt8 = 2
    /// Request flag: serve only the preferred variant.
    static let noDowngrade: UInt16 = 0x0001
    /// The fixed part of a request header, before its strings.
    static let requestHeaderSize = 28
    /// The fixed part of a reply header, before its strings.
    static let replyHeaderSize = 40
    /// The fixed part of a tensor header, before its dimensions and strings.
    static let tensorHeaderSize = 4
    /// The domain field of a reply that did not run.
    static let noDomain: UInt16 = 0xFFFF
}
