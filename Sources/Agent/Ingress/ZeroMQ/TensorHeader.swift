import Inference
import Messaging

/// A tensor header frame (docs/protocol.md), the same in requests and
/// replies: name, datatype and shape, before the data frame.
enum TensorHeader {
    /// Reads a header, checking its shape against `limits` before any
    /// data is taken, so a shape that overflows is refused, never allocated.
    static func read(_ header: inout FrameReader, limits: TensorLimits) throws(AgentError) -> TensorSpec {
        let nameLength = try header.uint8("name length")
        let datatypeLength = try header.uint8("datatype length")
        let rank = Int(try header.uint8("rank"))
        let reserved = try header.uint8("reserved")
        guard reserved == 0 else { throw header.problem("reserved byte is \(reserved), not 0") }
        guard rank <= limits.maximumRank else {
            throw header.problem("rank \(rank) is more than the limit of \(limits.maximumRank) dimensions")
        }
        var shape: [Int] = []
        shape.reserveCapacity(rank)
        for index in 0..<rank {
            let dimension = try header.int64("dimension \(index)")
            guard dimension >= 0, let value = Int(exactly: dimension) else {
                throw header.problem("dimension \(index) is \(dimension), not 0 or more")
            }
            shape.append(value)
        }
        let name = try header.string(length: nameLength, "name")
        let datatypeName = try header.string(length: datatypeLength, "datatype")
        try header.finish()
        guard let datatype = TensorDataType(rawValue: datatypeName) else {
            let names = TensorDataType.allCases.map(\.rawValue).joined(separator: ", ")
            throw header.problem("datatype \"\(datatypeName)\" is not one of \(names)")
        }
        if let refusal = limits.refusal(shape: shape, datatype: datatype) {
            throw header.problem("tensor \(name): \(refusal)")
        }
        return TensorSpec(name: name, datatype: datatype, shape: shape)
    }

    /// Appends the header of `tensor` to `frame`.
    static func write(_ tensor: Tensor, into frame: inout FrameWriter) {
        frame.tensorHeader(
            name: FrameWriter.clipped(tensor.name, to: 255), datatype: tensor.datatype.rawValue.utf8,
            shape: Array(tensor.shape.prefix(255)))
    }
}
