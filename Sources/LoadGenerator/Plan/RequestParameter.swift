/// A parameter every HTTP request carries besides the class's (`--parameter work_ms=5`): how a run tells a
/// server-side knob its value, such as the Triton peer's `work_ms`, the CPU time its model burns per request.
public struct RequestParameter: Hashable, Sendable {
    /// The member's name in the request's `parameters`.
    public let name: String
    /// The member's value as JSON: a number or `true`/`false` as written, anything else a string.
    let json: String
    /// The value as given.
    let text: String

    /// Members the generator writes itself, from the class and the plan.
    static let reserved: Set<String> = [
        "priority", "timeout", "edgesched_allow_downgrade", "edgesched_min_variant", "binary_data_output",
    ]

    /// Parses `NAME=VALUE`.
    /// - Throws: ``LoadError`` naming the text when the name is missing, reserved or not plain.
    public static func parse(_ text: String) throws(LoadError) -> RequestParameter {
        guard let equals = text.firstIndex(of: "=") else {
            throw LoadError(.invalidArgument, "--parameter \(text): expected NAME=VALUE, such as work_ms=5")
        }
        let name = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 == 0x5F || (0x30...0x39).contains($0) || isLetter($0) }) else {
            throw LoadError(
                .invalidArgument, "--parameter \(text): the name must be letters, digits and underscores")
        }
        guard !reserved.contains(name) else {
            throw LoadError(
                .invalidArgument, "--parameter \(text): \(name) comes from the classes and flags, not --parameter")
        }
        return RequestParameter(name: name, json: jsonValue(value), text: value)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func jsonValue(_ value: String) -> String {
        if value == "true" || value == "false" || Int64(value) != nil { return value }
        if let number = Double(value), number.isFinite, value.utf8.allSatisfy({ !isLetter($0) }) { return value }
        return RequestBody.quoted(value)
    }
}
