/// The header frame of an infer reply (docs/protocol.md), as a client or a
/// forwarding agent reads it; the outputs' frames follow it.
public struct InferReplyHeader: Sendable {
    /// The request id the reply carries back (0 when the agent could not read the request's).
    public var id: UInt64
    /// The HTTP status the same answer has over HTTP: 200 when it ran.
    public var status: UInt16
    /// How many outputs follow, each as a tensor header and a data frame.
    public var outputCount: Int
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
    /// The node of the cluster that answered; empty for an agent outside one.
    public var node: String

    /// Reads the header frame `bytes`.
    /// - Throws: `Failure` naming the field that does not follow the
    ///   protocol: a wrong magic, version or kind, or a frame too short or
    ///   too long for its fields.
    public init<Failure: FrameProblem>(reading bytes: UnsafeRawBufferPointer, as _: Failure.Type) throws(Failure) {
        var header = FrameReader<Failure>(bytes, frame: "reply header")
        let magic = (try header.uint8("magic"), try header.uint8("magic"))
        guard magic == ProtocolV1.magic else {
            throw header.problem("magic is \(magic.0) \(magic.1), not \"es\"")
        }
        let version = try header.uint8("version")
        guard version == ProtocolV1.version else { throw header.problem("version \(version), not 1") }
        let kind = try header.uint8("kind")
        guard kind == ProtocolV1.inferReply else { throw header.problem("kind \(kind), not 2 (an infer reply)") }
        id = try header.uint64("request id")
        status = try header.uint16("status")
        outputCount = Int(try header.uint16("output count"))
        queueMicroseconds = try header.uint64("queue time")
        serviceMicroseconds = try header.uint64("service time")
        domain = try header.uint16("domain")
        let reasonLength = try header.uint8("reason length")
        let variantLength = try header.uint8("variant length")
        let downgradeLength = try header.uint8("downgrade reason length")
        let nodeLength = try header.uint8("node length")
        let messageLength = try header.uint16("message length")
        reason = try header.string(length: reasonLength, "reason")
        variant = try header.string(length: variantLength, "variant")
        downgradeReason = try header.string(length: downgradeLength, "downgrade reason")
        node = try header.string(length: nodeLength, "node")
        message = try header.string(length: messageLength, "message")
        try header.finish()
    }
}
