import SwiftProtobuf

/// The cluster's wire format (docs/cluster-protocol.md): a message is two
/// ZeroMQ frames, a 12-byte `FrameHeader` and a protobuf payload of the
/// schema in `cluster.proto`. Encoding refuses a value a receiver would
/// refuse; decoding checks everything from outside against `limits` and
/// throws a `ClusterError` whose `dropReason` is what the receiver counts.
/// It never traps on input.
public struct ClusterWire: Sendable {
    /// The bounds both directions hold messages to.
    public var limits: WireLimits

    /// A codec with these limits.
    public init(limits: WireLimits = WireLimits()) {
        self.limits = limits
    }

    /// The two frames of `report`; throws `invalidField` for a field outside
    /// its limits and `oversized` for a payload past the maximum.
    public func encode(_ report: NodeReport) throws(ClusterError) -> [[UInt8]] {
        try report.validate(against: limits)
        return try frames(of: .nodeReport, report.protobuf)
    }

    /// The report in `frames` (a ROUTER's identity frame already taken off).
    ///
    /// Checks, in order: a header frame (`truncated`), its magic and length
    /// (`notClusterMessage`), its version (`wrongVersion`), its kind
    /// (`unexpectedMessageKind` unless a node report), exactly one payload
    /// frame (`truncated` without one, `notClusterMessage` past it), the
    /// payload's length against the maximum (`oversized`) and the header
    /// (`truncated`, `malformedPayload`), the protobuf (`truncated`,
    /// `malformedPayload`), then every field (`invalidField`).
    public func decodeReport(_ frames: [[UInt8]]) throws(ClusterError) -> NodeReport {
        let payload = try payload(of: .nodeReport, in: frames)
        let message: Edgesched_Cluster_V1_NodeReport = try parse(payload, as: "node report")
        let report = try NodeReport(protobuf: message)
        try report.validate(against: limits)
        return report
    }

    /// The two frames of `plan`; throws `invalidField` for a field outside
    /// its limits and `oversized` for a payload past the maximum.
    public func encode(_ plan: PublishedPlan) throws(ClusterError) -> [[UInt8]] {
        try plan.validate(against: limits)
        return try frames(of: .plan, plan.protobuf)
    }

    /// The plan in `frames`, checked in the order ``decodeReport(_:)`` gives,
    /// with `unexpectedMessageKind` unless a plan.
    public func decodePlan(_ frames: [[UInt8]]) throws(ClusterError) -> PublishedPlan {
        let payload = try payload(of: .plan, in: frames)
        let message: Edgesched_Cluster_V1_Plan = try parse(payload, as: "plan")
        let plan = try PublishedPlan(protobuf: message)
        try plan.validate(against: limits)
        return plan
    }

    /// The two frames of `heartbeat`.
    public func encode(_ heartbeat: CoordinatorHeartbeat) throws(ClusterError) -> [[UInt8]] {
        try frames(of: .heartbeat, heartbeat.protobuf)
    }

    /// The plan or heartbeat in `frames`, as a coordinator's PUB sends them,
    /// checked in the order ``decodeReport(_:)`` gives; a node report is
    /// `unexpectedMessageKind`.
    public func decodeCoordinatorMessage(_ frames: [[UInt8]]) throws(ClusterError) -> CoordinatorMessage {
        guard let first = frames.first else { throw ClusterError(.truncated, "message has no frames") }
        switch try FrameHeader(parsing: first).kind {
        case .plan:
            return .plan(try decodePlan(frames))
        case .heartbeat:
            let payload = try payload(of: .heartbeat, in: frames)
            let message: Edgesched_Cluster_V1_Heartbeat = try parse(payload, as: "heartbeat")
            return .heartbeat(try CoordinatorHeartbeat(protobuf: message))
        case .nodeReport:
            throw ClusterError(.unexpectedMessageKind, "a node report where a plan or heartbeat was expected")
        }
    }

    /// The header and payload frames of `message`.
    func frames(of kind: MessageKind, _ message: some SwiftProtobuf.Message) throws(ClusterError) -> [[UInt8]] {
        let payload: [UInt8]
        do {
            payload = try message.serializedBytes()
        } catch {
            throw ClusterError(.malformedPayload, "encoding a \(kind) payload failed: \(error)")
        }
        guard payload.count <= limits.maximumPayloadBytes, let count = UInt32(exactly: payload.count) else {
            throw ClusterError(
                .oversized,
                "\(kind) payload is \(payload.count) bytes, more than the maximum \(limits.maximumPayloadBytes)")
        }
        return [FrameHeader(kind: kind, payloadByteCount: count).bytes, payload]
    }

    /// The payload frame of a message of `kind`, its framing checked.
    func payload(of kind: MessageKind, in frames: [[UInt8]]) throws(ClusterError) -> [UInt8] {
        guard let first = frames.first else { throw ClusterError(.truncated, "message has no frames") }
        let header = try FrameHeader(parsing: first)
        guard header.kind == kind else {
            throw ClusterError(.unexpectedMessageKind, "a \(header.kind) message where a \(kind) was expected")
        }
        guard frames.count >= 2 else { throw ClusterError(.truncated, "\(kind) message has no payload frame") }
        guard frames.count == 2 else {
            throw ClusterError(.notClusterMessage, "\(kind) message has \(frames.count) frames, 2 expected")
        }
        let payload = frames[1]
        guard payload.count <= limits.maximumPayloadBytes, Int(header.payloadByteCount) <= limits.maximumPayloadBytes
        else {
            throw ClusterError(
                .oversized,
                "\(kind) payload is \(max(payload.count, Int(header.payloadByteCount))) bytes, "
                    + "more than the maximum \(limits.maximumPayloadBytes)")
        }
        guard payload.count >= header.payloadByteCount else {
            throw ClusterError(
                .truncated, "\(kind) payload is \(payload.count) bytes; its header says \(header.payloadByteCount)")
        }
        guard payload.count == header.payloadByteCount else {
            throw ClusterError(
                .malformedPayload,
                "\(kind) payload is \(payload.count) bytes; its header says \(header.payloadByteCount)")
        }
        return payload
    }

    /// `payload` parsed as `Message`, unknown fields (a newer writer's) skipped.
    func parse<Message: SwiftProtobuf.Message>(_ payload: [UInt8], as name: String) throws(ClusterError) -> Message {
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        do {
            return try Message(serializedBytes: payload, options: options)
        } catch BinaryDecodingError.truncated {
            throw ClusterError(.truncated, "\(name) payload ends inside a field (\(payload.count) bytes)")
        } catch {
            throw ClusterError(.malformedPayload, "\(name) payload of \(payload.count) bytes is not protobuf: \(error)")
        }
    }
}
