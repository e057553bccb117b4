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

    /// The number of elements the shape holds.
    public var elementCount: Int {
        shape.reduce(1, *)
    }

    /// The elements as `Float`s; nil unless the tensor is FP32.
    public var floats: [Float]? {
        guard datatype == .fp32 else { return nil }
        return bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// The elements as numbers, whatever the type (for printing as JSON).
    public var numbers: [Double] {
        bytes.withUnsafeBytes { raw in
            switch datatype {
            case .bool, .uint8: raw.map { Double($0) }
            case .int8: raw.bindMemory(to: Int8.self).map { Double($0) }
            case .uint16: raw.bindMemory(to: UInt16.self).map { Double($0) }
            case .int16: raw.bindMemory(to: Int16.self).map { Double($0) }
            case .uint32: raw.bindMemory(to: UInt32.self).map { Double($0) }
            case .int32: raw.bindMemory(to: Int32.self).map { Double($0) }
            case .uint64: raw.bindMemory(to: UInt64.self).map { Double($0) }
            case .int64: raw.bindMemory(to: Int64.self).map { Double($0) }
            case .fp16: raw.bindMemory(to: UInt16.self).map { Double(Float16(bitPattern: $0)) }
            case .fp32: raw.bindMemory(to: Float.self).map { Double($0) }
            case .fp64: raw.bindMemory(to: Double.self).map { $0 }
            }
        }
    }

    /// A tensor of `datatype` and `shape` from numbers (JSON requests);
    /// nil when a number does not fit the type.
    public init?(name: String, datatype: TensorDataType, shape: [Int], numbers: [Double]) {
        func pack<T>(_ convert: (Double) -> T?) -> [UInt8]? {
            var values: [T] = []
            values.reserveCapacity(numbers.count)
            for number in numbers {
                guard let value = convert(number) else { return nil }
                values.append(value)
            }
            return values.withUnsafeBytes { Array($0) }
        }
        let bytes: [UInt8]? =
            switch datatype {
            case .bool: pack { $0 == 0 || $0 == 1 ? UInt8($0) : nil }
            case .uint8: pack { UInt8(exactly: $0) }
            case .int8: pack { Int8(exactly: $0) }
            case .uint16: pack { UInt16(exactly: $0) }
            case .int16: pack { Int16(exactly: $0) }
            case .uint32: pack { UInt32(exactly: $0) }
            case .int32: pack { Int32(exactly: $0) }
            case .uint64: pack { UInt64(exactly: $0) }
            case .int64: pack { Int64(exactly: $0) }
            case .fp16: pack { Float16($0).bitPattern }
            case .fp32: pack { Float($0) }
            case .fp64: pack { $0 }
            }
        guard let bytes else { return nil }
        self.init(name: name, datatype: datatype, shape: shape, bytes: bytes)
    }
}
