import Glibc

/// A number token as JSON writes it, read in one pass: up to 19 significant
/// digits as an integer and a decimal exponent, and the first digit dropped
/// past them (so that a 20-digit integer such as `UInt64.max` is still exact).
struct JSONNumber {
    /// Where the literal lies in the body.
    var start: Int
    var end: Int
    var negative = false
    /// The first 19 significant digits.
    var significand: UInt64 = 0
    /// The power of ten that scales ``significand``.
    var exponent = 0
    /// Whether digits past the 19th were dropped from ``significand``.
    var isInexact = false
    /// No fraction and no exponent part.
    var isInteger = true
    /// How many digits of the integer part were dropped past the 19th.
    var droppedIntegerDigits = 0
    /// The first of them.
    var firstDroppedDigit: UInt64 = 0

    /// The value of an integer literal without its sign, when it fits `UInt64`
    /// (nil for larger ones; meaningful only when ``isInteger``).
    var magnitude: UInt64? {
        switch droppedIntegerDigits {
        case 0: return significand
        case 1:
            let (times, overflow) = significand.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(firstDroppedDigit)
            return overflow || carry ? nil : sum
        default: return nil
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    /// The nearest `Double`; infinite when the literal is beyond `Double`'s range.
    ///
    /// Exact without a library call when the significand fits 53 bits and the
    /// power of ten is at most 22 (both are then exact doubles and one
    /// rounding gives the nearest); otherwise `strtod`, which rounds
    /// correctly, on a copy of the literal on the stack. The process keeps the
    /// C locale (edgesched never calls `setlocale`), so `strtod` reads `.`.
    func double(in bytes: UnsafeRawBufferPointer) -> Double {
        if significand == 0 && !isInexact {
            return negative ? -0.0 : 0.0
        }
        if !isInexact, significand <= 1 << 53, (-22...22).contains(exponent) {
            let value = Double(significand)
            let scaled = exponent >= 0 ? value * Self.powersOfTen[exponent] : value / Self.powersOfTen[-exponent]
            return negative ? -scaled : scaled
        }
        return parsed(in: bytes, with: strtod, orElse: .nan)
    }

    /// The nearest `Float` to the literal (infinite past `Float`'s range).
    ///
    /// Without a library call when the significand kept every digit and the
    /// power of ten is at most 22: `Double(significand)` scaled by an exact
    /// power of ten is within one `Double` ulp of the literal (two
    /// roundings), so its nearest float is the literal's unless it lies within
    /// that error of a float midpoint (half a float ulp, 2^28 double ulps
    /// wide); only then, and for other literals, `strtof` decides.
    func float(in bytes: UnsafeRawBufferPointer) -> Float {
        if significand == 0 && !isInexact {
            return negative ? -0.0 : 0.0
        }
        if !isInexact, (-22...22).contains(exponent) {
            let unscaled = Double(significand)
            let magnitude =
                exponent >= 0 ? unscaled * Self.powersOfTen[exponent] : unscaled / Self.powersOfTen[-exponent]
            let approximation = negative ? -magnitude : magnitude
            let value = Float(approximation)
            if value.isFinite {
                let here = Double(value)
                let neighbour = approximation > here ? value.nextUp : value.nextDown
                let midpoint =
                    neighbour.isFinite
                    ? (here + Double(neighbour)) / 2
                    : here + (approximation > here ? 1 : -1) * Double(value.ulp) / 2
                if abs(approximation - midpoint) > 2 * approximation.ulp {
                    return value
                }
            }
        }
        return parsed(in: bytes, with: strtof, orElse: .nan)
    }

    /// `parse` (a C locale `strto…`) on a NUL-terminated copy of the literal
    /// on the stack; `fallback` only if the stack gave no memory.
    private func parsed<Value>(
        in bytes: UnsafeRawBufferPointer,
        with parse: (UnsafePointer<CChar>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Value,
        orElse fallback: Value
    ) -> Value {
        let length = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { text in
            for index in 0..<length {
                text[index] = CChar(bitPattern: bytes[start + index])
            }
            text[length] = 0
            guard let base = text.baseAddress else { return fallback }
            return parse(base, nil)
        }
    }
}

extension JSONCursor {
    /// Reads a number token in JSON's grammar: `-`, an integer part without
    /// leading zeros, an optional fraction and exponent. `NaN`, `Infinity`
    /// and the other values that are not numbers are refused by name.
    mutating func scanNumber(_ path: String) throws(OpenInferenceJSONError) -> JSONNumber {
        let first = try peek(path, expected: "a number")
        var number = JSONNumber(start: offset, end: offset)
        if first == UInt8(ascii: "-") {
            number.negative = true
            offset += 1
        }
        guard offset < bytes.count else { throw truncation(path, expected: "a number") }
        let lead = bytes[offset]
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lead) else {
            throw notANumber(lead, start: number.start, path)
        }
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        var dropped = 0
        var inexact = false
        if lead == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count, bytes[offset] &- UInt8(ascii: "0") < 10 {
                throw failure(.invalidNumber, path, "a number with a leading zero is not JSON", at: number.start)
            }
        } else {
            while offset < bytes.count, case let digit = bytes[offset] &- UInt8(ascii: "0"), digit < 10 {
                if digits < 19 {
                    significand = significand &* 10 &+ UInt64(digit)
                    digits += 1
                } else {
                    if dropped == 0 { number.firstDroppedDigit = UInt64(digit) }
                    dropped += 1
                    inexact = inexact || digit != 0
                }
                offset += 1
            }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            number.isInteger = false
            offset += 1
            let digitsStart = offset
            while offset < bytes.count, case let digit = bytes[offset] &- UInt8(ascii: "0"), digit < 10 {
                if digits < 19 {
                    significand = significand &* 10 &+ UInt64(digit)
                    exponent -= 1
                    if significand != 0 { digits += 1 }
                } else {
                    inexact = inexact || digit != 0
                }
                offset += 1
            }
            guard offset > digitsStart else { throw missingDigits("after the decimal point", number, path) }
        }
        number.significand = significand
        number.exponent = exponent + dropped
        number.droppedIntegerDigits = dropped
        number.isInexact = inexact
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            number.isInteger = false
            offset += 1
            var negativeExponent = false
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") || bytes[offset] == UInt8(ascii: "+") {
                negativeExponent = bytes[offset] == UInt8(ascii: "-")
                offset += 1
            }
            let digitsStart = offset
            var value = 0
            while offset < bytes.count, case let byte = bytes[offset], byte &- UInt8(ascii: "0") < 10 {
                value = min(value * 10 + Int(byte &- UInt8(ascii: "0")), 100_000)
                offset += 1
            }
            guard offset > digitsStart else { throw missingDigits("in the exponent", number, path) }
            number.exponent += negativeExponent ? -value : value
        }
        number.end = offset
        return number
    }

    /// The literal's text for messages, shortened past 40 bytes.
    func literal(_ number: JSONNumber) -> String {
        let end = min(number.end, number.start + 40)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[number.start..<end]), as: UTF8.self)
        return end < number.end ? text + "…" : text
    }

    private mutating func missingDigits(_ place: String, _ number: JSONNumber, _ path: String)
        -> OpenInferenceJSONError
    {
        guard offset < bytes.count else { return truncation(path, expected: "digits \(place)") }
        return failure(.invalidNumber, path, "a number needs digits \(place)", at: number.start)
    }

    /// The error for a value where a number was expected, naming what it is.
    private func notANumber(_ byte: UInt8, start: Int, _ path: String) -> OpenInferenceJSONError {
        for name: StaticString in ["NaN", "Infinity"] where matches(name, at: offset) {
            let sign = start < offset ? "-" : ""
            return failure(
                .invalidNumber, path,
                "\(sign)\(name) is not a JSON number; send non-finite values in a binary tensor (binary_data_size)",
                at: start)
        }
        if start < offset {
            return failure(.invalidNumber, path, "\"-\" must be followed by digits", at: start)
        }
        return failure(.wrongType, path, "\(describe(byte)) where a number is expected", at: start)
    }

    private func matches(_ literal: StaticString, at position: Int) -> Bool {
        guard position + literal.utf8CodeUnitCount <= bytes.count else { return false }
        return (0..<literal.utf8CodeUnitCount).allSatisfy { bytes[position + $0] == literal.utf8Start[$0] }
    }
}
