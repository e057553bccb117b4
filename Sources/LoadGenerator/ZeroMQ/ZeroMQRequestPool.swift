import Messaging

/// The requests of a ZeroMQ run, built once before it starts: per class a
/// request header with its priority and timeout, and a few sets of input
/// frames (tensor header, data) that every send shares rather than copies.
/// Sending one writes the request id into a copy of the class's header, a
/// few dozen bytes, and references the rest.
///
/// Invariant: there is a header per class and at least one input set.
struct ZeroMQRequestPool {
    private let headers: [[UInt8]]
    private let inputSets: [[Message]]

    /// Builds the pool for `plan` from `metadata` (read from `source`), values drawn from the plan's seed.
    /// - Throws: ``LoadError`` when an input cannot be filled or a name does not fit the protocol's lengths.
    init(plan: LoadPlan, metadata: ModelMetadata, source: String) throws(LoadError) {
        var headers: [[UInt8]] = []
        for classIndex in plan.classes.indices {
            let parameters = RequestBody.Parameters(plan: plan, classIndex: classIndex)
            let priority: String =
                switch parameters.priority {
                case .name(let name): name
                case .level(let level): String(level)
                case nil: ""
                }
            headers.append(
                try ZeroMQRequestEncoding.header(
                    InferRequestHeader(
                        id: 0, timeoutMicroseconds: parameters.timeoutMicroseconds.map { UInt64(clamping: $0) } ?? 0,
                        noDowngrade: !parameters.allowDowngrade, inputCount: metadata.inputs.count, model: plan.model,
                        priority: priority, lowestVariant: parameters.lowestVariant ?? "")))
        }
        var inputSets: [[Message]] = []
        for set in try TensorValues.sets(for: metadata.inputs, plan: plan, bytesPerByte: 1, source: source) {
            var frames: [Message] = []
            for input in set {
                let tensor = input.tensor
                let header = try ZeroMQRequestEncoding.tensorHeader(
                    name: tensor.name, datatype: tensor.datatype, shape: tensor.shape)
                frames.append(try Self.message(header, source: source))
                frames.append(try Self.message(input.bytes, source: source))
            }
            inputSets.append(frames)
        }
        self.headers = headers
        self.inputSets = inputSets
    }

    /// The frames of the `sequence`-th arrival, of class `classIndex`, as request `id`: the sets taken in turn.
    /// - Throws: ``ZeroMQError`` naming `zmq_msg_init_size` when the header's frame cannot be allocated.
    func frames(classIndex: Int, sequence: Int, id: UInt64) throws(ZeroMQError) -> [Message] {
        let template = headers[classIndex]
        let header = try Message(count: template.count) { buffer in
            _ = buffer.initializeMemory(as: UInt8.self, from: template)
            buffer.storeBytes(of: id.littleEndian, toByteOffset: ProtocolV1.requestIDOffset, as: UInt64.self)
        }
        return [header] + inputSets[sequence % inputSets.count]
    }

    private static func message(_ bytes: [UInt8], source: String) throws(LoadError) -> Message {
        do {
            return try Message(copying: bytes)
        } catch {
            throw LoadError(.socketFailed, "\(source): a frame of \(bytes.count) bytes: \(error)")
        }
    }
}
