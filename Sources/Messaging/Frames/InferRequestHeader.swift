/// The header frame of an infer request (docs/protocol.md), as a client or
/// a forwarding agent writes it: 28 bytes of fixed fields, then the model,
/// priority and variant strings.
public struct InferRequestHeader: Hashable, Sendable {
    /// Carried back in the reply, to match it to the request.
    public var id: UInt64
    /// 0: the class's default deadline.
    public var timeoutMicroseconds: UInt64
    /// Serve only the preferred variant (flag bit 0).
    public var noDowngrade: Bool
    /// An agent forwarded it; the receiver serves it or refuses it, never
    /// forwards it again (flag bit 1).
    public var forwarded: Bool
    /// The inputs that follow, each as two frames.
    public var inputCount: Int
    /// The model name.
    public var model: String
    /// A class name, a decimal level, or empty for the default class.
    public var priority: String
    /// The cheapest variant accepted; empty: any.
    public var lowestVariant: String
    /// The only variant to run; empty: the scheduler chooses.
    public var pinnedVariant: String

    /// A header with every field given; the variants default to none and
    /// the request to one a client sent itself.
    public init(
        id: UInt64, timeoutMicroseconds: UInt64, noDowngrade: Bool, inputCount: Int, model: String,
        priority: String, lowestVariant: String = "", pinnedVariant: String = "", forwarded: Bool = false
    ) {
        self.id = id
        self.timeoutMicroseconds = timeoutMicroseconds
        self.noDowngrade = noDowngrade
        self.forwarded = forwarded
        self.inputCount = inputCount
        self.model = model
        self.priority = priority
        self.lowestVariant = lowestVariant
        self.pinnedVariant = pinnedVariant
    }

    /// The frame.
    /// - Throws: ``FrameFieldError`` naming the field when a string is longer
    ///   than its one-byte length can say, or the input count is not 1 to 65535.
    public func frame() throws(FrameFieldError) -> [UInt8] {
        let strings = [
            ("model", model), ("priority", priority), ("lowest variant", lowestVariant),
            ("pinned variant", pinnedVariant),
        ]
        guard let inputs = UInt16(exactly: inputCount), inputs > 0 else {
            throw FrameFieldError("request: \(inputCount) inputs, the protocol carries 1 to 65535")
        }
        var frame = FrameWriter(capacity: ProtocolV1.requestHeaderSize + strings.reduce(0) { $0 + $1.1.utf8.count })
        frame.headerStart(kind: ProtocolV1.inferRequest, id: id)
        frame.uint64(timeoutMicroseconds)
        frame.uint16((noDowngrade ? ProtocolV1.noDowngrade : 0) | (forwarded ? ProtocolV1.forwarded : 0))
        frame.uint16(inputs)
        for (field, text) in strings {
            frame.uint8(try FrameFieldError.shortLength(of: text, field))
        }
        for (_, text) in strings {
            frame.bytes(text.utf8)
        }
        return frame.frame
    }
}
