extension InferenceRequest {
    /// Moves the binary tensor extension's bytes into the inputs that gave
    /// `binary_data_size`, in input order: `binary` is the body after its
    /// first `Inference-Header-Content-Length` bytes (`jsonLength`, for the
    /// offsets in errors). Refuses a body whose binary part is shorter or
    /// longer than the inputs declare.
    public mutating func attachBinaryData(_ binary: UnsafeRawBufferPointer, jsonLength: Int)
        throws(OpenInferenceJSONError)
    {
        var position = 0
        for index in inputs.indices {
            guard let size = inputs[index].binaryDataSize else { continue }
            guard size <= binary.count - position else {
                throw OpenInferenceJSONError(
                    .truncated, offset: jsonLength + binary.count, line: 0, column: 0,
                    path: "inputs[\(index)].parameters.binary_data_size",
                    reason: "\(size) bytes declared, \(binary.count - position) left in the body")
            }
            inputs[index].tensor.bytes = Array(UnsafeRawBufferPointer(rebasing: binary[position..<position + size]))
            inputs[index].binaryDataSize = nil
            position += size
        }
        guard position == binary.count else {
            throw OpenInferenceJSONError(
                .syntax, offset: jsonLength + position, line: 0, column: 0, path: "",
                reason: "\(binary.count - position) bytes after the last binary tensor")
        }
    }
}
