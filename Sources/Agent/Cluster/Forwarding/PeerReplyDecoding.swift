import Inference
import Messaging
import Scheduling

/// Reads a peer agent's reply (docs/protocol.md) to a request this agent
/// forwarded, as the answer the client gets: the peer's outputs and how it
/// served them, naming the peer; or its refusal, saying it was forwarded.
enum PeerReplyDecoding {
    /// The answer `frames` (the reply header, then a header and a data
    /// frame per output) carry, or why they do not follow the protocol.
    static func answer(
        _ frames: [Message], header: InferReplyHeader, peer: String, limits: TensorLimits
    ) -> Result<InferenceReply, AgentError> {
        guard header.status == 200 else { return .success(.failure(refusal(header, peer: peer))) }
        guard frames.count == 1 + 2 * header.outputCount else {
            return .failure(
                AgentError(
                    .badRequest,
                    "\(frames.count) frames for \(header.outputCount) outputs (\(1 + 2 * header.outputCount) expected)"
                ))
        }
        var outputs: [Tensor] = []
        outputs.reserveCapacity(header.outputCount)
        do throws(AgentError) {
            for index in 0..<header.outputCount {
                outputs.append(try output(header: frames[1 + 2 * index], data: frames[2 + 2 * index], limits: limits))
            }
        } catch {
            return .failure(error)
        }
        return .success(
            .success(
                InferenceAnswer(
                    outputs: outputs, variant: header.variant,
                    downgrade: header.downgradeReason.isEmpty ? nil : DowngradeReason(rawValue: header.downgradeReason),
                    domain: Int(header.domain), queueTime: .microseconds(Int64(clamping: header.queueMicroseconds)),
                    serviceTime: .microseconds(Int64(clamping: header.serviceMicroseconds)), isSynthetic: false,
                    node: header.node.isEmpty ? peer : header.node)))
    }

    /// The peer's refusal as this agent's: its reason where it is one of
    /// the scheduler's (`queue_full`), `runtime_error` otherwise.
    private static func refusal(_ header: InferReplyHeader, peer: String) -> InferenceRefusal {
        InferenceRefusal(
            RefusalReason(rawValue: header.reason) ?? .runtimeError,
            "forwarded to \(peer), which answered \(header.status) \(header.reason): \(header.message)")
    }

    /// One output: its tensor header, then its data, whose length the
    /// header's shape and datatype give; the data is copied once, into the
    /// tensor the client's answer holds.
    private static func output(header: Message, data: Message, limits: TensorLimits) throws(AgentError) -> Tensor {
        let spec = try header.withUnsafeBytes { bytes throws(AgentError) in
            var reader = FrameReader(bytes, frame: "output header")
            return try TensorHeader.read(&reader, limits: limits)
        }
        let expected = spec.shape.reduce(1, *) * spec.datatype.byteWidth
        guard data.count == expected else {
            throw AgentError(
                .badRequest,
                "output \(spec.name): \(data.count) bytes, but shape \(spec.shape) of \(spec.datatype.rawValue) needs \(expected)"
            )
        }
        return Tensor(
            name: spec.name, datatype: spec.datatype, shape: spec.shape, bytes: data.withUnsafeBytes { Array($0) })
    }
}
