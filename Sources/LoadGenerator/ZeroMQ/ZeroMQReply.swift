package import Inference
package import Messaging

/// An infer reply as docs/protocol.md frames it, read from the frames a
/// DEALER received: the reply header, then per output a tensor header and a
/// data frame, which stays where libzmq put it.
///
/// Invariant: `outputs.count` is the header's output count, and each
/// output's data frame is exactly its shape's elements times its datatype's width.
package struct ZeroMQReply: Sendable {
    /// One output tensor.
    package struct Output: Sendable {
        /// Its name, as in the model's manifest.
        package var name: String
        /// Its element type.
        package var datatype: TensorDataType
        /// Its dimensions.
        package var shape: [Int]
        /// The elements, row-major, little-endian, in the received frame.
        package var data: Message
    }

    /// The request id the reply carries back (0 when the agent could not read the request's).
    package var id: UInt64
    /// The HTTP status the same answer has over HTTP: 200 when it ran.
    package var status: UInt16
    /// From admission to the start of the run, µs (0 for a refusal).
    package var queueMicroseconds: UInt64
    /// The run itself, µs (0 for a refusal).
    package var serviceMicroseconds: UInt64
    /// The execution domain that ran it; 65535 for a refusal.
    package var domain: UInt16
    /// Empty when it ran, else the refusal's reason (`queue_full`).
    package var reason: String
    /// The variant that ran; empty for a refusal.
    package var variant: String
    /// Why a cheaper variant than the preferred one ran (`deadline`); empty when none did.
    package var downgradeReason: String
    /// A sentence naming the thing and the value; empty when it ran.
    package var message: String
    /// The node of the cluster that answered; empty for an agent outside one.
    package var node: String
    /// The outputs, in the model's output order; none for a refusal.
    package var outputs: [Output]

    /// Reads `frames`.
    /// - Throws: ``LoadError/Kind/malformedReply`` naming the frame and the field that do not follow the
    ///   protocol: a wrong magic, version or kind, a frame too short or too long for its fields, a frame
    ///   count that does not match the output count, an unknown datatype, or data of the wrong length.
    package init(frames: [Message]) throws(LoadError) {
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
    package static func requestID(in frames: [Message]) -> UInt64? {
        frames.first?.withUnsafeBytes { bytes in
            guard bytes.count >= ProtocolV1.requestIDOffset + 8, ProtocolV1.startsWithMagic(bytes) else {
                return nil
            }
            return UInt64(
                littleEndian: bytes.loadUnaligned(fromByteOffset: ProtocolV1.requestIDOffset, as: UInt64.self))
        }
    }

    /// The reply header's fields, no outputs yet; `outputCount` is set to how many follow.
    private init(header bytes: UnsafeRawBufferPointer, outputCount: inout Int) throws(LoadError) {
        let header = try InferReplyHeader(reading: bytes, as: LoadError.self)
        id = header.id
        status = header.status
        outputCount = header.outputCount
        queueMicroseconds = header.queueMicroseconds
        serviceMicroseconds = header.serviceMicroseconds
        domain = header.domain
        reason = header.reason
        variant = header.variant
        downgradeReason = header.downgradeReason
        node = header.node
        message = header.message
        outputs = []
    }

    private static func output(
        header bytes: UnsafeRawBufferPointer, frame: String, data: Message
    ) throws(LoadError) -> Output {
        var header = FrameReader<LoadError>(bytes, frame: frame)
        let nameLength = Int(try header.uint8("name length"))
        let datatypeLength = Int(try header.uint8("datatype length"))
        let rank = Int(try header.uint8("rank"))
        _ = try header.uint8("reserved")
        var shape: [Int] = []
        shape.reserveCapacity(rank)
        var elements = 1
        for index in 0..<rank {
            let dimension = try header.int64("dimension \(index)")
            guard dimension >= 0, let size = Int(exactly: dimension) else {
                throw header.problem("dimension \(index) is \(dimension), not 0 or more")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow else { throw header.problem("shape \(shape + [size]) overflows") }
            elements = product
            shape.append(size)
        }
        let name = try header.string(length: nameLength, "name")
        let datatypeName = try header.string(length: datatypeLength, "datatype")
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
