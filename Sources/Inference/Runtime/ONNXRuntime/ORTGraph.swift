import CONNXRuntime
import Glibc

/// Reads a session's inputs and outputs and output values.
struct ORTGraph {
    let api: UnsafePointer<CEOrtApi>
    let session: OpaquePointer
    let call: ORTCall

    /// The session's inputs (or outputs), in its order.
    func tensors(inputs: Bool) throws(InferenceError) -> [TensorSpec] {
        var count = 0
        try call.check(
            inputs
                ? api.pointee.SessionGetInputCount?(session, &count)
                : api.pointee.SessionGetOutputCount?(session, &count), "SessionGetCount")
        var allocator: OpaquePointer?
        try call.check(api.pointee.GetAllocatorWithDefaultOptions?(&allocator), "GetAllocatorWithDefaultOptions")
        var specs: [TensorSpec] = []
        for index in 0..<count {
            var name: UnsafeMutablePointer<CChar>?
            try call.check(
                inputs
                    ? api.pointee.SessionGetInputName?(session, index, allocator, &name)
                    : api.pointee.SessionGetOutputName?(session, index, allocator, &name),
                "SessionGetName"
            )
            let tensorName = name.map { String(cString: $0) } ?? ""
            if let name { _ = api.pointee.AllocatorFree?(allocator, name) }
            var typeInfo: OpaquePointer?
            try call.check(
                inputs
                    ? api.pointee.SessionGetInputTypeInfo?(session, index, &typeInfo)
                    : api.pointee.SessionGetOutputTypeInfo?(session, index, &typeInfo),
                "SessionGetTypeInfo"
            )
            defer { api.pointee.ReleaseTypeInfo?(typeInfo) }
            var kind: Int32 = 0
            try call.check(api.pointee.GetOnnxTypeFromTypeInfo?(typeInfo, &kind), "GetOnnxTypeFromTypeInfo")
            guard kind == Int32(CEORT_KIND_TENSOR.rawValue) else {
                throw InferenceError(
                    call.failure,
                    "\(call.context): \"\(tensorName)\" is not a tensor (ONNX type \(kind)); edgesched serves tensors only"
                )
            }
            var info: OpaquePointer?
            try call.check(api.pointee.CastTypeInfoToTensorInfo?(typeInfo, &info), "CastTypeInfoToTensorInfo")
            let (datatype, shape) = try Self.describe(info, api: api, call: call, name: tensorName)
            specs.append(TensorSpec(name: tensorName, datatype: datatype, shape: shape))
        }
        return specs
    }

    /// The element type and shape of a tensor description (-1 for free dimensions).
    static func describe(_ info: OpaquePointer?, api: UnsafePointer<CEOrtApi>, call: ORTCall, name: String)
        throws(InferenceError) -> (TensorDataType, [Int])
    {
        var element: Int32 = 0
        try call.check(api.pointee.GetTensorElementType?(info, &element), "GetTensorElementType")
        guard let datatype = ORTElement.datatype(of: element) else {
            throw InferenceError(
                call.failure, "\(call.context): \"\(name)\" has element type \(element), which edgesched does not serve"
            )
        }
        var rank = 0
        try call.check(api.pointee.GetDimensionsCount?(info, &rank), "GetDimensionsCount")
        var dimensions = [Int64](repeating: 0, count: rank)
        try call.check(api.pointee.GetDimensions?(info, &dimensions, rank), "GetDimensions")
        return (datatype, dimensions.map { $0 < 0 ? -1 : Int($0) })
    }

    /// Copies an output value into a ``Tensor``.
    static func tensor(named name: String, from value: OpaquePointer, call: ORTCall) throws(InferenceError) -> Tensor {
        let api = call.api
        var info: OpaquePointer?
        try call.check(api.pointee.GetTensorTypeAndShape?(value, &info), "GetTensorTypeAndShape")
        defer { api.pointee.ReleaseTensorTypeAndShapeInfo?(info) }
        let (datatype, shape) = try describe(info, api: api, call: call, name: name)
        var count = 0
        try call.check(api.pointee.GetTensorShapeElementCount?(info, &count), "GetTensorShapeElementCount")
        var data: UnsafeMutableRawPointer?
        try call.check(api.pointee.GetTensorMutableData?(value, &data), "GetTensorMutableData")
        let byteCount = count * datatype.byteWidth
        let bytes = data.map { Array(UnsafeRawBufferPointer(start: $0, count: byteCount)) } ?? []
        return Tensor(name: name, datatype: datatype, shape: shape, bytes: bytes)
    }
}
