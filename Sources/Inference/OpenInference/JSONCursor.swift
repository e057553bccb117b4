/// A position in a JSON body held in one contiguous buffer: each `mutating`
/// step reads one token where it lies (no copies, no boxed values) and moves
/// on, or throws an ``OpenInferenceJSONError`` naming the byte, the path and
/// the reason. It never traps on input: every read is checked against the end
/// of the buffer, and nesting is bounded by ``TensorLimits/maximumDepth``.
struct JSONCursor {
    let bytes: UnsafeRawBufferPointer
    let limits: TensorLimits
    var offset: Int

    init(bytes: UnsafeRawBufferPointer, limits: TensorLimits, offset: Int = 0) {
        self.bytes = bytes
        self.limits = limits
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// An error at `position` (the current byte by default), with its line and column.
    func failure(
        _ kind: OpenInferenceJSONError.Kind, _ path: String, _ reason: String, at position: Int? = nil
    ) -> OpenInferenceJSONError {
        let place = min(position ?? offset, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<place where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return OpenInferenceJSONError(
            kind, offset: place, line: line, column: place - lineStart + 1, path: path, reason: reason)
    }

    /// The truncation error for a value that was expected at the end of the body.
    func truncation(_ path: String, expected: String) -> OpenInferenceJSONError {
        failure(.truncated, path, "the body ends where \(expected) was expected")
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, not consumed; throws truncation at the end.
    mutating func peek(_ path: String, expected: String) throws(OpenInferenceJSONError) -> UInt8 {
        skipWhitespace()
        guard offset < bytes.count else { throw truncation(path, expected: expected) }
        return bytes[offset]
    }

    /// Consumes `byte` after whitespace, or says what was found instead.
    mutating func expect(_ byte: UInt8, _ path: String) throws(OpenInferenceJSONError) {
        skipWhitespace()
        guard offset < bytes.count else {
            throw truncation(path, expected: "\"\(Character(Unicode.Scalar(byte)))\"")
        }
        let found = bytes[offset]
        guard found == byte else {
            throw failure(.syntax, path, "expected \"\(Character(Unicode.Scalar(byte)))\", found \(describe(found))")
        }
        offset += 1
    }

    /// What a value starting with `byte` is, for messages (`a list`, `true`, `"…"`).
    func describe(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "a list"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"): "true"
        case UInt8(ascii: "f"): "false"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): "a number"
        case 0x21...0x7E: "\"\(Character(Unicode.Scalar(byte)))\""
        default: "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    /// Whether the container just opened has another member or element:
    /// handles the commas and the closing bracket, and refuses a trailing comma.
    mutating func hasNext(closing: UInt8, isFirst: inout Bool, _ path: String) throws(OpenInferenceJSONError) -> Bool {
        let what = closing == UInt8(ascii: "}") ? "a key or \"}\"" : "a value or \"]\""
        let byte = try peek(path, expected: what)
        if byte == closing {
            offset += 1
            return false
        }
        if isFirst {
            isFirst = false
            return true
        }
        guard byte == UInt8(ascii: ",") else {
            throw failure(
                .syntax, path,
                "expected \",\" or \"\(Character(Unicode.Scalar(closing)))\", found \(describe(byte))")
        }
        offset += 1
        let next = try peek(path, expected: what)
        if next == closing {
            throw failure(.syntax, path, "a comma before \"\(Character(Unicode.Scalar(closing)))\" (trailing comma)")
        }
        return true
    }

    /// Consumes `literal` (`true`, `false`, `null`) at the current byte.
    mutating func consume(_ literal: StaticString, _ path: String) throws(OpenInferenceJSONError) {
        let start = offset
        for index in 0..<literal.utf8CodeUnitCount {
            guard offset < bytes.count else { throw truncation(path, expected: "\(literal)") }
            guard bytes[offset] == literal.utf8Start[index] else {
                throw failure(.syntax, path, "not JSON: expected \(literal)", at: start)
            }
            offset += 1
        }
    }

    /// Skips any JSON value (for keys this agent does not read), checking it
    /// is valid JSON and no deeper than the limit.
    mutating func skipValue(depth: Int, _ path: String) throws(OpenInferenceJSONError) {
        let byte = try peek(path, expected: "a value")
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < limits.maximumDepth else {
                throw failure(.tooDeep, path, "nested deeper than \(limits.maximumDepth) lists and objects")
            }
            offset += 1
            var isFirst = true
            if byte == UInt8(ascii: "{") {
                while try hasNext(closing: UInt8(ascii: "}"), isFirst: &isFirst, path) {
                    _ = try readString(path)
                    try expect(UInt8(ascii: ":"), path)
                    try skipValue(depth: depth + 1, path)
                }
            } else {
                while try hasNext(closing: UInt8(ascii: "]"), isFirst: &isFirst, path) {
                    try skipValue(depth: depth + 1, path)
                }
            }
        case UInt8(ascii: "\""): _ = try readString(path)
        case UInt8(ascii: "t"): try consume("true", path)
        case UInt8(ascii: "f"): try consume("false", path)
        case UInt8(ascii: "n"): try consume("null", path)
        default: _ = try scanNumber(path)
        }
    }
}
