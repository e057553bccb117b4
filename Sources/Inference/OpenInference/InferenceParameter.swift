/// A value of a request's or a response's `parameters` object. The Open
/// Inference Protocol allows strings, numbers and booleans; integers are kept
/// apart from other numbers because Triton's clients send `priority` and
/// `timeout` as integers.
public enum InferenceParameter: Hashable, Sendable {
    /// A JSON string.
    case string(String)
    /// A JSON number written as an integer that fits `Int64`.
    case int(Int64)
    /// Any other JSON number.
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
}

extension InferenceParameter: CustomStringConvertible {
    /// The value as JSON writes it (`"fast"`, `3`, `0.5`, `true`).
    public var description: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        }
    }
}
