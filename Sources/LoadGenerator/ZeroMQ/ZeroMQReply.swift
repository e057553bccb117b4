public import Inference
public import Messaging

/// An infer reply as docs/protocol.md frames it, read from the frames a
/// DEALER received: the reply header, then per output a tensor header and a
/// data frame, which stays where libzmq put it.
///
/// Invariant: `outputs.count` is the header's output count, and each
/// output's data frame is exactly its shape's elements times its datatype's width.
public struct ZeroMQReply: Sendable {
    /// One output tensor.
    public struct Output: Sendable {
        /// Its name, as in the model's manifest.
        public var name: String
        /// Its element type.
        public var datatype: TensorDataType
        /// Its dimensions.
        public var shape: [Int]
        /// The elements, row-major, little-endian, in the received frame.
        public var data: Message
    }

    /// The request id the reply carries back (0 when the agent could not read the request's).
    public var id: UInt64
    /// The HTTP status the same answer has over HTTP: 200 when it ran.
    public var status: UInt16
    /// From admission to the start of the run, µs (0 for a refusal).
    public var queueMicroseconds: UInt64
    /// The run itself, µs (0 for a refusal).
    public var serviceMicroseconds: UInt64
    /// The execution domain that ran it; 65535 for a refusal.
    public var domain: UInt16
    /// Empty when it ran, else the refusal's reason (`queue_full`).
    public var reason: String
    /// The variant that ran; empty for a refusal.
    public var variant: String
    /// Why a cheaper variant than the preferred one ran (`deadline`); empty when none did.
    public var downgradeReason: String
    /// A sentence naming the thing and the value; empty when it ran.
    public var message: String
    /// The outputs, in the model's output order; none for a refusal.
    public var outputs: [Output]

    /// Reads `frames`.
    /// - Throws: ``LoadError/Kind/malformedReply`` naming the frame and the field that do not follow the
    ///   protocol: a wrong magic, version or kind, a frame too short or too long for its fields, a frame
    ///   count that does not match the output count, an unknown datatype, or data of the wrong length.
    public init(frames: [Message]) throws(LoadError) {
        guard let first = frames.first else { throw LoadError(.malformedReply, "reply: no frames") }
        var outputCount = 0
        self = try first.withUnsafeBytes { bytes throws(LoadError) in
            try Self(header: bytes, outputCount: &outputCount)
        }
        guard frames.count == 1 + 2 * outputCount else {
            throw LoadError(
                .malformedReply,
                "reply \(id): \(frames.count) frames for \(outputCount) outputs (\(1 + 2 * outputCount) expected)")
        }
        outputs.reserveCapacity(outputCount)
        for index in 0..<outputCount {
            let data = frames[2 + 2 * index]
            let frame = "reply \(id): output \(index) header"
            outputs.append(
                try frames[1 + 2 * index].withUnsafeBytes { bytes throws(LoadError) in
                    try Self.output(header: bytes, frame: frame, data: data)
                })
        }
    }

    /// The request id of a reply whose first frame is long enough to hold one and starts with the magic, so
    /// that a malformed reply still ends its request; nil otherwise.
    public static func requestID(in frames: [Message]) -> UInt64? {
        frames.first?.withUnsafeBytes { bytes in
            guard bytes.count >= WireFormat.requestIDOffset + 8, bytes.starts(with: WireFormat.magic) else {
                return nil
            }
            return UInt64(
                littleEndian: bytes.loadUnaligned(fromByteOffset: WireFormat.requestIDOffset, as: UInt64.self))
        }
    }

    /// The reply header's fields, no outputs yet; `outputCount` is set to how many follow.
    private init(header bytes: UnsafeRawBufferPointer, outputCount: inout Int) throws(LoadError) {
        var header = FrameCursor(bytes, frame: "reply header")
        let magic = (try header.read(UInt8.self, "magic"), try header.read(UInt8.self, "magic"))
        guard [magic.0, magic.1] == WireFormat.magic else {
            throw header.problem("magic is \(magic.0) \(magic.1), not \"es\"")
        }
        let version = try header.read(UInt8.self, "version")
        guard version == WireFormat.version else { throw header.problem("version \(version), not 1") }
        let kind = try header.read(UInt8.self, "kind")
        guard kind == WireFormat.replyKind else { throw header.problem("kind \(kind), not 2 (an infer reply)") }
        id = try header.read(UInt64.self, "request id")
        status = try header.read(UInt16.self, "status")
        outputCount = Int(try header.read(UInt16.self, "output count"))
        queueMicroseconds = try header.read(UInt64.self, "queue time")
        serviceMicroseconds = try header.read(UInt64.self, "service time")
        domain = try header.read(UInt16.self, "domain")
        let reasonLength = Int(try header.read(UInt8.self, "reason length"))
        let variantLength = Int(try header.read(UInt8.self, "variant length"))
        let downgradeLength = Int(try header.read(UInt8.self, "downgrade reason length"))
        _ = try header.read(UInt8.self, "reserved")
        let messageLength = Int(try header.read(UInt16.self, "message length"))
        reason = try header.text(length: reasonLength, "reason")
        variant = try header.text(length: variantLength, "variant")
        downgradeReason = try header.text(length: downgradeLength, "downgrade reason")
        message = try header.text(length: messageLength, "message")
        outputs = []
        try header.finish()
    }

    private static func output(
        header bytes: UnsafeRawBufferPointer, frame: String, data: Message
    ) throws(LoadError) -> Output {
        var header = FrameCursor(bytes, frame: frame)
        let nameLength = Int(try header.read(UInt8.self, "name length"))
        let datatypeLength = Int(try header.read(UInt8.self, "datatype length"))
        let rank = Int(try header.read(UInt8.self, "rank"))
        _ = try header.read(UInt8.self, "reserved")
        var shape: [Int] = []
        shape.reserveCapacity(rank)
        var elements = 1
        for index in 0..<rank {
            let dimension = try header.read(Int64.self, "dimension \(index)")
            guard dimension >= 0, let size = Int(exactly: dimension) else {
                throw header.problem("dimension \(index) is \(dimension), not 0 or more")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow else { throw header.problem("shape \(shape + [size]) overflows") }
            elements = product
            shape.append(size)
        }
        let name = try header.text(length: nameLength, "name")
        let datatypeName = try header.text(length: datatypeLength, "datatype")
        try header.finish()
        guard let datatype = TensorDataType(rawValue: datatypeName) else {
            throw header.problem("datatype \"\(datatypeName)\" is not one of the protocol's")
        }
        let (expected, overflow) = elements.multipliedReportingOverflow(by: datatype.byteWidth)
        guard !overflow, data.count == expected else {
            throw header.problem(
                "\(name): data frame of \(data.count) bytes, \(shape) \(datatypeName) needs \(expected)")
        }
        return Output(name: name, datatype: datatype, shape: shape, data: data)
    }
}
