import CONNXRuntime

/// ONNX element type codes for the Open Inference Protocol datatypes.
enum ORTElement {
    private static let codes: [(TensorDataType, CEOrtElementType)] = [
        (.fp32, CEORT_FLOAT), (.uint8, CEORT_UINT8), (.int8, CEORT_INT8), (.uint16, CEORT_UINT16),
        (.int16, CEORT_INT16),
        (.int32, CEORT_INT32), (.int64, CEORT_INT64), (.bool, CEORT_BOOL), (.fp16, CEORT_FLOAT16),
        (.fp64, CEORT_DOUBLE),
        (.uint32, CEORT_UINT32), (.uint64, CEORT_UINT64),
    ]

    static func code(of datatype: TensorDataType) -> Int32 {
        Int32(codes.first { $0.0 == datatype }?.1.rawValue ?? CEORT_UNDEFINED.rawValue)
    }

    static func datatype(of code: Int32) -> TensorDataType? {
        codes.first { Int32($0.1.rawValue) == code }?.0
    }
}
