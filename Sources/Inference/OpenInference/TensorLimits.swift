/// Bounds on what a manifest or a request may declare, checked before
/// anything is allocated, so that one bad shape cannot take the process down.
/// The defaults fit the edge models this agent serves; raise them in the
/// configuration for larger ones.
public struct TensorLimits: Hashable, Sendable {
    /// The most bytes one tensor may hold (default 256 MiB).
    public var maximumTensorBytes: Int
    /// The most dimensions a shape may have (default 32; ONNX Runtime's own limit is higher).
    public var maximumRank: Int
    /// The deepest nesting of JSON lists and objects in a request (default 64).
    public var maximumDepth: Int

    /// Limits with the defaults above unless given.
    public init(maximumTensorBytes: Int = 256 << 20, maximumRank: Int = 32, maximumDepth: Int = 64) {
        self.maximumTensorBytes = maximumTensorBytes
        self.maximumRank = maximumRank
        self.maximumDepth = maximumDepth
    }

    /// Why `shape` of `datatype` is out of bounds, or nil when it fits: the
    /// product of the dimensions is computed with overflow checks, so a
    /// product past `Int` is refused rather than trapping. Every dimension
    /// must be at least 0 (callers replace -1 first).
    public func refusal(shape: [Int], datatype: TensorDataType) -> String? {
        guard shape.count <= maximumRank else {
            return "\(shape.count) dimensions, more than the limit of \(maximumRank)"
        }
        var elements = 1
        for dimension in shape {
            guard dimension >= 0 else { return "dimension \(dimension) is negative" }
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return "shape \(shape) holds more elements than fit in a 64-bit integer" }
            elements = product
        }
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: datatype.byteWidth)
        guard !overflow, bytes <= maximumTensorBytes else {
            return "shape \(shape) of \(datatype.rawValue) holds \(elements) elements "
                + "(\(overflow ? "more than Int.max" : String(bytes)) bytes), more than the limit of "
                + "\(maximumTensorBytes) bytes per tensor"
        }
        return nil
    }
}
