/// A tensor with its data: what a request carries in and a model gives out.
/// The bytes are the elements in row-major order, little-endian, as ONNX
/// Runtime holds them.
public struct Tensor: Hashable, Sendable {
    /// The tensor's name in the model.
    public var name: String
    /// Its element type.
    public var datatype: TensorDataType
    /// Its dimensions.
    public var shape: [Int]
    /// Its elements, row-major, little-endian.
    public var bytes: [UInt8]

    /// A tensor from raw bytes.
    public init(name: String, datatype: TensorDataType, shape: [Int], bytes: [UInt8]) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.bytes = bytes
    }

    /// A tensor of 32-bit floats.
    public init(name: String, shape: [Int], floats: [Float]) {
        self.init(name: name, datatype: .fp32, shape: shape, bytes: floats.withUnsafeBytes { Array($0) })
    }

    /// The number of elements the shape holds; `Int.max` when the product
    /// overflows and 0 when a dimension is negative, so that a byte count
    /// compared with it never matches a shape no tensor can have.
    public var elementCount: Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return 0 }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return Int.max }
            count = product
        }
        return count
    }

    /// The elements as `Float`s; nil unless the tensor is FP32. The bytes are
    /// read unaligned (an `[UInt8]`'s storage is bound to `UInt8` and must not
    /// be rebound to `Float`).
    public var floats: [Float]? {
        guard datatype == .fp32 else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
    }
}
