/// A string token: where its contents lie, and whether they hold escapes
/// (only then are they copied to be decoded).
struct JSONStringToken {
    var start: Int
    var end: Int
    var hasEscapes: Bool
}

extension JSONCursor {
    /// Reads a string token, checking its escapes and that it is UTF-8.
    mutating func readString(_ path: String) throws(OpenInferenceJSONError) -> JSONStringToken {
        let first = try peek(path, expected: "a string")
        guard first == UInt8(ascii: "\"") else {
            throw failure(.wrongType, path, "expected a string, found \(describe(first))")
        }
        offset += 1
        let start = offset
        var hasEscapes = false
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return JSONStringToken(start: start, end: offset - 1, hasEscapes: hasEscapes)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                try skipEscape(path)
            case 0..<0x20:
                throw failure(
                    .syntax, path, "control character 0x\(String(byte, radix: 16)) in a string (escape it)")
            case 0x80...:
                try skipUTF8Sequence(path)
            default:
                offset += 1
            }
        }
        throw failure(.truncated, path, "the body ends inside a string that starts at byte \(start - 1)")
    }

    /// The token's text, decoded.
    func text(of token: JSONStringToken) -> String {
        let contents = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
        guard token.hasEscapes else { return String(decoding: contents, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(contents.count)
        var index = 0
        while index < contents.count {
            let byte = contents[index]
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                index += 1
                continue
            }
            let escape = contents[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = Self.hex(contents, at: index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (Self.hex(contents, at: index + 2) - 0xDC00)
                    index += 6
                }
                decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: decoded.append(escape)
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Whether the token's text is exactly `literal` (keys are compared in place).
    func token(_ token: JSONStringToken, is literal: StaticString) -> Bool {
        if token.hasEscapes { return text(of: token) == "\(literal)" }
        guard token.end - token.start == literal.utf8CodeUnitCount else { return false }
        for index in 0..<literal.utf8CodeUnitCount where bytes[token.start + index] != literal.utf8Start[index] {
            return false
        }
        return true
    }

    /// Four hex digits at `index` (already checked by ``skipEscape(_:)``).
    private static func hex(_ contents: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for byte in contents[index..<index + 4] {
            value = value << 4 + UInt32(hexDigit(byte) ?? 0)
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Skips `\x` or `\uXXXX` (a surrogate pair as two), refusing unknown escapes and lone surrogates.
    private mutating func skipEscape(_ path: String) throws(OpenInferenceJSONError) {
        let start = offset
        guard offset + 1 < bytes.count else { throw truncation(path, expected: "an escape") }
        let escape = bytes[offset + 1]
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            offset += 2
        case UInt8(ascii: "u"):
            let scalar = try unicodeEscape(path)
            if (0xDC00..<0xE000).contains(scalar) {
                throw failure(.invalidUTF8, path, "\\u escape of a lone low surrogate", at: start)
            }
            if (0xD800..<0xDC00).contains(scalar) {
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                    bytes[offset + 1] == UInt8(ascii: "u")
                else {
                    throw failure(.invalidUTF8, path, "\\u escape of a high surrogate without its low half", at: start)
                }
                guard (0xDC00..<0xE000).contains(try unicodeEscape(path)) else {
                    throw failure(.invalidUTF8, path, "\\u escape of a high surrogate without its low half", at: start)
                }
            }
        default:
            throw failure(.syntax, path, "\\\(describe(escape)) is not a JSON escape")
        }
    }

    private mutating func unicodeEscape(_ path: String) throws(OpenInferenceJSONError) -> UInt32 {
        guard offset + 6 <= bytes.count else { throw truncation(path, expected: "a \\u escape of four hex digits") }
        var value: UInt32 = 0
        for index in offset + 2..<offset + 6 {
            guard let digit = Self.hexDigit(bytes[index]) else {
                throw failure(.syntax, path, "\\u needs four hex digits", at: offset)
            }
            value = value << 4 + UInt32(digit)
        }
        offset += 6
        return value
    }

    /// Skips one multi-byte UTF-8 sequence, refusing overlong forms,
    /// surrogates and code points past U+10FFFF (RFC 3629).
    private mutating func skipUTF8Sequence(_ path: String) throws(OpenInferenceJSONError) {
        let lead = bytes[offset]
        let (length, secondRange): (Int, ClosedRange<UInt8>) =
            switch lead {
            case 0xC2...0xDF: (2, 0x80...0xBF)
            case 0xE0: (3, 0xA0...0xBF)
            case 0xED: (3, 0x80...0x9F)
            case 0xE1...0xEF: (3, 0x80...0xBF)
            case 0xF0: (4, 0x90...0xBF)
            case 0xF1...0xF3: (4, 0x80...0xBF)
            case 0xF4: (4, 0x80...0x8F)
            default: (0, 0...0)
            }
        let invalid = "byte 0x\(String(lead, radix: 16, uppercase: true)) starts no valid UTF-8 sequence"
        guard length > 0 else { throw failure(.invalidUTF8, path, invalid) }
        guard offset + length <= bytes.count else {
            throw failure(.truncated, path, "the body ends inside a UTF-8 sequence")
        }
        guard secondRange.contains(bytes[offset + 1]),
            (offset + 2..<offset + length).allSatisfy({ (0x80...0xBF).contains(bytes[$0]) })
        else {
            throw failure(.invalidUTF8, path, invalid)
        }
        offset += length
    }
}
