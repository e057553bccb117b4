/// Element types of tensors, named as the Open Inference Protocol names
/// them (`FP32`, `INT64`, …); the raw values are what manifests and
/// requests carry.
public enum TensorDataType: String, CaseIterable, Hashable, Sendable {
    case bool = "BOOL"
    case uint8 = "UINT8"
    case uint16 = "UINT16"
    case uint32 = "UINT32"
    case uint64 = "UINT64"
    case int8 = "INT8"
    case int16 = "INT16"
    case int32 = "INT32"
    case int64 = "INT64"
    case fp16 = "FP16"
    case fp32 = "FP32"
    case fp64 = "FP64"

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .bool, .uint8, .int8: 1
        case .uint16, .int16, .fp16: 2
        case .uint32, .int32, .fp32: 4
        case .uint64, .int64, .fp64: 8
        }
    }
}

/// A tensor a model takes or gives: its name, element type and shape, where
/// -1 stands for a dimension of any size (typically the batch).
public struct TensorSpec: Hashable, Sendable, CustomStringConvertible {
    /// The tensor's name in the model.
    public var name: String
    /// Its element type.
    public var datatype: TensorDataType
    /// Its dimensions; -1 for any size.
    public var shape: [Int]

    /// A tensor description.
    public init(name: String, datatype: TensorDataType, shape: [Int]) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
    }

    /// Whether a concrete shape fits this one.
    public func accepts(shape concrete: [Int]) -> Bool {
        concrete.count == shape.count
            && zip(shape, concrete).allSatisfy { expected, given in given >= 0 && (expected == -1 || expected == given)
            }
    }

    /// `name TYPE[dims]`, as messages show it.
    public var description: String {
        "\(name) \(datatype.rawValue)[\(shape.map(String.init).joined(separator: ", "))]"
    }
}
