import Inference
import Messaging

/// Decodes a request's frames (docs/protocol.md) into a call for the agent.
/// Each field is read once, in order; a tensor's data is copied once, from
/// its frame into the bytes the runtime reads, after its header and the
/// limits have been checked.
enum ZeroMQRequestDecoding {
    /// Decodes `frames`, the request's frames after the peer's identity and
    /// any delimiter.
    static func decode(_ frames: [UnsafeRawBufferPointer], limits: TensorLimits) throws(ZeroMQDecodingFailure)
        -> ZeroMQRequest
    {
        guard let first = frames.first, ProtocolV1.startsWithMagic(first) else {
            let size = frames.first?.count ?? 0
            throw ZeroMQDecodingFailure(
                id: 0, error: AgentError(.badRequest, "the first frame (\(size) bytes) does not start with \"es\""),
                isAnswered: false)
        }
        var header = FrameReader(first, frame: "request header")
        var id: UInt64 = 0
        do {
            return try decodeRequest(&header, frames: frames, limits: limits, id: &id)
        } catch {
            throw ZeroMQDecodingFailure(id: id, error: error, isAnswered: true)
        }
    }

    private static func decodeRequest(
        _ header: inout FrameReader, frames: [UnsafeRawBufferPointer], limits: TensorLimits, id: inout UInt64
    ) throws(AgentError) -> ZeroMQRequest {
        _ = try header.uint16("magic")
        let version = try header.uint8("version")
        let kind = try header.uint8("kind")
        id = try header.uint64("request id")
        guard version == ProtocolV1.version else {
            throw header.problem(
                "version \(version) is not supported; this agent speaks version \(ProtocolV1.version)")
        }
        guard kind == ProtocolV1.inferRequest else {
            throw header.problem("kind \(kind) is not an infer request (\(ProtocolV1.inferRequest))")
        }
        var (call, inputCount) = try decodeHeader(&header)
        try checkFrameCount(inputCount, frames: frames.count, header: header)
        call.inputs.reserveCapacity(inputCount)
        for input in 0..<inputCount {
            call.inputs.append(
                try decodeTensor(
                    header: frames[1 + 2 * input], data: frames[2 + 2 * input], input: input, limits: limits))
        }
        return ZeroMQRequest(id: id, call: call)
    }

    /// The header's fields after the request id: timeout, flags, the input
    /// count (checked against the frames by the caller) and the strings.
    private static func decodeHeader(_ header: inout FrameReader) throws(AgentError) -> (InferenceCall, Int) {
        let timeout = try header.uint64("timeout")
        let flags = try header.uint16("flags")
        let inputCount = Int(try header.uint16("input count"))
        let modelLength = try header.uint8("model length")
        let priorityLength = try header.uint8("priority length")
        let lowestLength = try header.uint8("lowest variant length")
        let pinnedLength = try header.uint8("pinned variant length")
        var call = InferenceCall(model: try header.string(length: modelLength, "model"), inputs: [], ingress: .zeromq)
        call.priority = priority(try header.string(length: priorityLength, "priority"))
        let lowest = try header.string(length: lowestLength, "lowest variant")
        let pinned = try header.string(length: pinnedLength, "pinned variant")
        try header.finish()
        guard flags & ~(ProtocolV1.noDowngrade | ProtocolV1.forwarded) == 0 else {
            throw header.problem(
                "flags 0x\(String(flags, radix: 16)) set bits other than 0x0001 (no downgrade) and 0x0002 (forwarded)")
        }
        guard let microseconds = Int64(exactly: timeout) else {
            throw header.problem("timeout \(timeout) µs is past the largest signed 64-bit value")
        }
        call.timeout = microseconds == 0 ? nil : .int(microseconds)
        call.allowDowngrade = flags & ProtocolV1.noDowngrade != 0 ? .bool(false) : nil
        call.isForwarded = flags & ProtocolV1.forwarded != 0
        call.minimumVariant = lowest.isEmpty ? nil : .string(lowest)
        call.version = pinned.isEmpty ? nil : pinned
        return (call, inputCount)
    }

    /// `priority`: empty for the default class, decimal digits for a level
    /// (as Triton's integer), anything else a class name.
    private static func priority(_ text: String) -> InferenceParameter? {
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let level = Int64(text) {
            return .int(level)
        }
        return .string(text)
    }

    private static func checkFrameCount(_ count: Int, frames: Int, header: FrameReader) throws(AgentError) {
        guard count > 0 else { throw header.problem("input count 0: a request has at least one input") }
        guard frames == 1 + 2 * count else {
            throw header.problem(
                "\(count) inputs need \(2 * count) frames after the header (a header and a data frame each), "
                    + "\(frames - 1) came")
        }
    }

    /// One input: its header frame, then its data frame, whose length must be
    /// what the header's shape and datatype need.
    private static func decodeTensor(
        header bytes: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, input: Int, limits: TensorLimits
    ) throws(AgentError) -> Tensor {
        var header = FrameReader(bytes, frame: "input \(input) header")
        let spec = try TensorHeader.read(&header, limits: limits)
        // No overflow: the limits checked the same product.
        let expected = spec.shape.reduce(1, *) * spec.datatype.byteWidth
        guard data.count == expected else {
            throw AgentError(
                .badRequest,
                "input \(input) data (\(spec.name)): \(data.count) bytes, but shape \(spec.shape) of "
                    + "\(spec.datatype.rawValue) needs \(expected)")
        }
        return Tensor(name: spec.name, datatype: spec.datatype, shape: spec.shape, bytes: Array(data))
    }
}
