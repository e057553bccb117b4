package import Messaging

/// Writes an infer request as docs/protocol.md frames it: the request
/// header, then per input a tensor header and a data frame of its raw
/// little-endian bytes (which the caller sends as they are).
package enum ZeroMQRequestEncoding {
    /// The request header frame.
    /// - Throws: ``LoadError/Kind/invalidArgument`` naming the field when a string is longer than its
    ///   one-byte length can say, or the input count is not 1 to 65535.
    package static func header(_ header: InferRequestHeader) throws(LoadError) -> [UInt8] {
        do {
            return try header.frame()
        } catch {
            throw LoadError(.invalidArgument, error.message)
        }
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
        do {
            _ = try FrameFieldError.shortLength(of: name, "tensor name")
            _ = try FrameFieldError.shortLength(of: datatype, "tensor \(name): datatype")
        } catch {
            throw LoadError(.invalidArgument, error.message)
        }
        var frame = FrameWriter(
            capacity: ProtocolV1.tensorHeaderSize + 8 * Int(rank) + name.utf8.count + datatype.utf8.count)
        frame.tensorHeader(name: name.utf8, datatype: datatype.utf8, shape: shape)
        return frame.frame
    }
}
