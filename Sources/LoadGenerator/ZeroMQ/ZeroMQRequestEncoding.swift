import Messaging

/// Writes an infer request as docs/protocol.md frames it: the request
/// header, then per input a tensor header and a data frame of its raw
/// little-endian bytes (which the caller sends as they are).
package enum ZeroMQRequestEncoding {
    /// The fields of a request header.
    package struct Header: Hashable, Sendable {
        /// Carried back in the reply, to match it to the request.
        package var id: UInt64
        /// 0: the class's default deadline.
        package var timeoutMicroseconds: UInt64
        /// Serve only the preferred variant (flag bit 0).
        package var noDowngrade: Bool
        /// The inputs that follow, each as two frames.
        package var inputCount: Int
        /// The model name.
        package var model: String
        /// A class name, a decimal level, or empty for the default class.
        package var priority: String
        /// The cheapest variant accepted; empty: any.
        package var lowestVariant: String
        /// The only variant to run; empty: the scheduler chooses.
        package var pinnedVariant: String

        /// A header with every field given; the variants default to none.
        package init(
            id: UInt64, timeoutMicroseconds: UInt64, noDowngrade: Bool, inputCount: Int, model: String,
            priority: String, lowestVariant: String = "", pinnedVariant: String = ""
        ) {
            self.id = id
            self.timeoutMicroseconds = timeoutMicroseconds
            self.noDowngrade = noDowngrade
            self.inputCount = inputCount
            self.model = model
            self.priority = priority
            self.lowestVariant = lowestVariant
            self.pinnedVariant = pinnedVariant
        }
    }

    /// The request header frame: 28 bytes of fixed fields, then the model, priority and variant strings.
    /// - Throws: ``LoadError/Kind/invalidArgument`` naming the field when a string is longer than its
    ///   one-byte length can say, or the input count is not 1 to 65535.
    package static func header(_ header: Header) throws(LoadError) -> [UInt8] {
        let strings = [
            ("model", header.model), ("priority", header.priority), ("lowest variant", header.lowestVariant),
            ("pinned variant", header.pinnedVariant),
        ]
        guard let inputCount = UInt16(exactly: header.inputCount), inputCount > 0 else {
            throw LoadError(.invalidArgument, "request: \(header.inputCount) inputs, the protocol carries 1 to 65535")
        }
        var frame = FrameWriter(capacity: ProtocolV1.requestHeaderSize + strings.reduce(0) { $0 + $1.1.utf8.count })
        frame.uint8(ProtocolV1.magic.0)
        frame.uint8(ProtocolV1.magic.1)
        frame.uint8(ProtocolV1.version)
        frame.uint8(ProtocolV1.inferRequest)
        frame.uint64(header.id)
        frame.uint64(header.timeoutMicroseconds)
        frame.uint16(header.noDowngrade ? ProtocolV1.noDowngrade : 0)
        frame.uint16(inputCount)
        for (field, text) in strings {
            frame.uint8(try shortLength(of: text, field))
        }
        for (_, text) in strings {
            frame.bytes(text.utf8)
        }
        return frame.frame
    }

    /// A tensor header frame: name, datatype (`FP32`) and shape, whose dimensions must not be negative.
    /// - Throws: ``LoadError/Kind/invalidArgument`` naming the tensor when its name or datatype is longer
    ///   than 255 bytes, it has more than 255 dimensions, or a dimension is negative.
    package static func tensorHeader(name: String, datatype: String, shape: [Int]) throws(LoadError) -> [UInt8] {
        guard let rank = UInt8(exactly: shape.count) else {
            throw LoadError(.invalidArgument, "tensor \(name): rank \(shape.count), the protocol carries at most 255")
        }
        if let negative = shape.first(where: { $0 < 0 }) {
            throw LoadError(.invalidArgument, "tensor \(name): dimension \(negative) in shape \(shape) is negative")
        }
        _ = try shortLength(of: name, "tensor name")
        _ = try shortLength(of: datatype, "tensor \(name): datatype")
        var frame = FrameWriter(
            capacity: ProtocolV1.tensorHeaderSize + 8 * Int(rank) + name.utf8.count + datatype.utf8.count)
        frame.tensorHeader(name: name.utf8, datatype: datatype.utf8, shape: shape)
        return frame.frame
    }

    private static func shortLength(of text: String, _ field: String) throws(LoadError) -> UInt8 {
        guard let length = UInt8(exactly: text.utf8.count) else {
            throw LoadError(
                .invalidArgument,
                "\(field) \"\(text.prefix(40))…\": \(text.utf8.count) bytes, the protocol carries at most 255")
        }
        return length
    }
}
