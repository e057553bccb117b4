/// Why a request body is not an Open Inference Protocol request this agent
/// can take: where (byte offset, line and column, and the JSON path such as
/// `inputs[0].data[3]`) and what is wrong, with what would be right.
public struct OpenInferenceJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that map it (every kind is a client error, HTTP 400,
    /// except ``limitExceeded``, which an ingress may answer 413).
    public enum Kind: String, Hashable, Sendable {
        /// The body ends inside a value.
        case truncated
        /// Not JSON at this byte (a stray character, a missing comma, bytes after the end).
        case syntax
        /// A string holds bytes that are not UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// Nested deeper than ``TensorLimits/maximumDepth``.
        case tooDeep = "too_deep"
        /// A number JSON forbids (`NaN`, `Infinity`, a leading zero) or one that does not fit the datatype.
        case invalidNumber = "invalid_number"
        /// A value of the wrong JSON type (`true` where a number is expected, a string for a shape).
        case wrongType = "wrong_type"
        /// A key that must be there is missing, or is given twice.
        case missingKey = "missing_key"
        /// A datatype that is not an Open Inference Protocol datatype this agent serves.
        case unknownDatatype = "unknown_datatype"
        /// A shape that is not a list of non-negative integers, or data that does not match it.
        case shapeMismatch = "shape_mismatch"
        /// A shape, rank or tensor size past the configured ``TensorLimits``.
        case limitExceeded = "limit_exceeded"
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte of the body where it was found (0-based).
    public var offset: Int
    /// The line of that byte (1-based; 0 past the JSON part).
    public var line: Int
    /// The column of that byte in its line, in bytes (1-based).
    public var column: Int
    /// The JSON path of the value, e.g. `inputs[0].shape[1]`; empty for the body itself.
    public var path: String
    /// What is wrong and what would be right.
    public var reason: String

    /// An error at `offset` (line and column as counted in the body).
    public init(_ kind: Kind, offset: Int, line: Int, column: Int, path: String, reason: String) {
        self.kind = kind
        self.offset = offset
        self.line = line
        self.column = column
        self.path = path
        self.reason = reason
    }

    /// `byte 42 (line 1, column 43): inputs[0].data[3]: 1e400 is out of range for FP32`
    /// (no line and column past the JSON part, in the binary tensors).
    public var description: String {
        let place = line > 0 ? "byte \(offset) (line \(line), column \(column))" : "byte \(offset)"
        return path.isEmpty ? "\(place): \(reason)" : "\(place): \(path): \(reason)"
    }
}
