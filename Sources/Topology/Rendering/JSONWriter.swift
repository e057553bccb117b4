/// Writes JSON into one byte buffer, sized once by the caller: numbers are
/// formatted straight into it, strings escaped as JSON requires. Non-finite
/// floats are written as `NaN`, `Infinity` and `-Infinity`, the literals
/// Python's `json` module (and so `tritonclient`) reads. The package's one
/// JSON writer: ``JSONValue`` documents and the Open Inference Protocol's
/// bodies are both written with it.
public struct JSONWriter {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []

    /// A writer whose buffer holds `capacity` bytes before it grows.
    public init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// `text` as it is (punctuation, literals).
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// One byte.
    public mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    /// Bytes as they are (a binary tensor after the JSON).
    public mutating func append(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
    }

    /// `"key":`
    public mutating func key(_ text: StaticString) {
        byte(UInt8(ascii: "\""))
        raw(text)
        raw("\":")
    }

    /// `text` as a JSON string, escaped.
    public mutating func string(_ text: String) {
        byte(UInt8(ascii: "\""))
        for unit in text.utf8 {
            switch unit {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                byte(Self.hexDigits[Int(unit >> 4)])
                byte(Self.hexDigits[Int(unit & 0xF)])
            default: byte(unit)
            }
        }
        byte(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// An integer in decimal, formatted into the buffer without a `String`.
    public mutating func integer<Value: FixedWidthInteger>(_ value: Value) {
        if value < 0 {
            byte(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    /// A float in the shortest form that reads back to the same value.
    public mutating func float<Value: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Value) {
        if value.isNaN {
            raw("NaN")
        } else if value.isInfinite {
            raw(value < 0 ? "-Infinity" : "Infinity")
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }
}
