import CONNXRuntime

/// Turns an `OrtStatus` into its message (and releases it).
enum ORTStatus {
    /// nil for success (a null status).
    static func message(_ status: OpaquePointer?, api: UnsafePointer<CEOrtApi>) -> String? {
        guard let status else { return nil }
        defer { api.pointee.ReleaseStatus?(status) }
        guard let text = api.pointee.GetErrorMessage?(status) else { return "unknown ONNX Runtime error" }
        return String(cString: text)
    }
}
