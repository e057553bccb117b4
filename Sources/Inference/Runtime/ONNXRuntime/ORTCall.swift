import CONNXRuntime

/// Checks `OrtStatus` results, naming the call and keeping ONNX Runtime's message.
struct ORTCall {
    let api: UnsafePointer<CEOrtApi>
    let context: String
    let failure: InferenceError.Kind

    func check(_ status: OpaquePointer?, _ function: String) throws(InferenceError) {
        if let message = ORTStatus.message(status, api: api) {
            throw InferenceError(failure, "\(context): \(function): \(message)")
        }
    }
}
