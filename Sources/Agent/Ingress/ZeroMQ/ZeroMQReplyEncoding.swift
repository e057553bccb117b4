import Inference
import Messaging
import Scheduling

/// Writes an answer as the frames of a reply (docs/protocol.md): the reply
/// header, then a header and a data frame per output. A data frame is the
/// output's own bytes, shared, not copied here.
enum ZeroMQReplyEncoding {
    /// The frames answering request `id` with `answer`.
    static func encode(_ answer: InferenceAnswer, id: UInt64) -> [[UInt8]] {
        var header = replyHeader(
            id: id, status: 200, outputs: answer.outputs.count, queue: answer.queueTime,
            service: answer.serviceTime, domain: UInt16(clamping: answer.domain))
        let variant = FrameWriter.clipped(answer.variant, to: 255)
        let downgrade = answer.downgrade?.rawValue.utf8 ?? "".utf8
        header.strings(
            reason: "".utf8[...], variant: variant, downgrade: downgrade[...],
            node: FrameWriter.clipped(answer.node, to: 255), message: "".utf8[...])
        var frames = [header.writer.frame]
        frames.reserveCapacity(1 + 2 * answer.outputs.count)
        for output in answer.outputs {
            var tensor = FrameWriter(capacity: ProtocolV1.tensorHeaderSize + 8 * output.shape.count + 32)
            TensorHeader.write(output, into: &tensor)
            frames.append(tensor.frame)
            frames.append(output.bytes)
        }
        return frames
    }

    /// The one frame answering request `id` with `error`, refused by `node`
    /// (empty outside a cluster); its status is the one the same error has
    /// over HTTP (``HTTPStatusMapping``).
    static func encode(_ error: AgentError, id: UInt64, node: String) -> [[UInt8]] {
        var header = replyHeader(
            id: id, status: UInt16(clamping: HTTPStatusMapping.code(for: error.kind)), outputs: 0,
            queue: .zero, service: .zero, domain: ProtocolV1.noDomain)
        header.strings(
            reason: FrameWriter.clipped(error.reason, to: 255), variant: "".utf8[...], downgrade: "".utf8[...],
            node: FrameWriter.clipped(node, to: 255), message: FrameWriter.clipped(error.message, to: Int(UInt16.max)))
        return [header.writer.frame]
    }

    /// A reply header's fixed part; the strings follow with ``ReplyHeader/strings``.
    private static func replyHeader(
        id: UInt64, status: UInt16, outputs: Int, queue: Duration, service: Duration, domain: UInt16
    ) -> ReplyHeader {
        var writer = FrameWriter(capacity: ProtocolV1.replyHeaderSize + 64)
        writer.headerStart(kind: ProtocolV1.inferReply, id: id)
        writer.uint16(status)
        writer.uint16(UInt16(clamping: outputs))
        writer.uint64(microseconds(queue))
        writer.uint64(microseconds(service))
        writer.uint16(domain)
        return ReplyHeader(writer: writer)
    }

    private static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// A reply header being written: the lengths, then the strings.
    private struct ReplyHeader {
        var writer: FrameWriter

        mutating func strings(
            reason: Substring.UTF8View, variant: Substring.UTF8View, downgrade: Substring.UTF8View,
            node: Substring.UTF8View, message: Substring.UTF8View
        ) {
            writer.uint8(UInt8(reason.count))
            writer.uint8(UInt8(variant.count))
            writer.uint8(UInt8(downgrade.count))
            writer.uint8(UInt8(node.count))
            writer.uint16(UInt16(message.count))
            writer.bytes(reason)
            writer.bytes(variant)
            writer.bytes(downgrade)
            writer.bytes(node)
            writer.bytes(message)
        }
    }
}
