/// The constants of the agent's ZeroMQ protocol, version 1 (docs/protocol.md),
/// shared by the agent that serves it and the clients that speak it.
public enum ProtocolV1 {
    /// The first two bytes of every header: `es`.
    public static let magic: (UInt8, UInt8) = (0x65, 0x73)
    /// The protocol version.
    public static let version: UInt8 = 1
    /// The kind byte of an infer request.
    public static let inferRequest: UInt8 = 1
    /// The kind byte of an infer reply.
    public static let inferReply: UInt8 = 2
    /// Request flag: serve only the preferred variant.
    public static let noDowngrade: UInt16 = 0x0001
    /// Request flag: an agent of the cluster forwarded it; it is not forwarded again.
    public static let forwarded: UInt16 = 0x0002
    /// Where the request id stands, in request and reply headers alike.
    public static let requestIDOffset = 4
    /// The fixed part of a request header, before its strings.
    public static let requestHeaderSize = 28
    /// The fixed part of a reply header, before its strings.
    public static let replyHeaderSize = 40
    /// The fixed part of a tensor header, before its dimensions and strings.
    public static let tensorHeaderSize = 4
    /// The domain field of a reply that did not run.
    public static let noDomain: UInt16 = 0xFFFF

    /// Whether `bytes` starts with the magic.
    public static func startsWithMagic(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == magic.0 && iterator.next() == magic.1
    }
}
