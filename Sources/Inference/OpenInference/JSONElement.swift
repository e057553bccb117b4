/// An element type a tensor's JSON `data` is decoded into, read straight
/// from the token at the cursor and stored in the tensor's bytes.
protocol JSONElement {
    /// Reads one element at the cursor, refusing values that do not fit.
    static func read(_ cursor: inout JSONCursor, _ datatype: TensorDataType, _ path: String)
        throws(OpenInferenceJSONError) -> Self
}

/// A `BOOL` element: `true`/`false` (or 0/1), one byte.
struct JSONBool: JSONElement {
    var byte: UInt8

    static func read(_ cursor: inout JSONCursor, _ datatype: TensorDataType, _ path: String)
        throws(OpenInferenceJSONError) -> JSONBool
    {
        let byte = try cursor.peek(path, expected: "true or false")
        switch byte {
        case UInt8(ascii: "t"):
            try cursor.consume("true", path)
            return JSONBool(byte: 1)
        case UInt8(ascii: "f"):
            try cursor.consume("false", path)
            return JSONBool(byte: 0)
        default:
            let number = try cursor.scanNumber(path)
            guard number.isInteger, !number.negative, let value = number.magnitude, value <= 1 else {
                throw cursor.failure(
                    .invalidNumber, path, "\(cursor.literal(number)) is not a BOOL (true, false, 0 or 1)",
                    at: number.start)
            }
            return JSONBool(byte: UInt8(value))
        }
    }
}

extension JSONElement where Self: FixedWidthInteger {
    /// Integers must be written as integers (`2`, not `2.0` or `2e0`) and fit the type.
    static func read(_ cursor: inout JSONCursor, _ datatype: TensorDataType, _ path: String)
        throws(OpenInferenceJSONError) -> Self
    {
        let number = try cursor.scanNumber(path)
        guard number.isInteger else {
            throw cursor.failure(
                .invalidNumber, path,
                "\(cursor.literal(number)) is not an integer; \(datatype.rawValue) takes integers", at: number.start)
        }
        let value: Self? =
            if let magnitude = number.magnitude {
                number.negative
                    ? (magnitude <= UInt64(1) << 63 ? Self(exactly: Int64(bitPattern: 0 &- magnitude)) : nil)
                    : Self(exactly: magnitude)
            } else {
                nil
            }
        guard let value else {
            throw cursor.failure(
                .invalidNumber, path,
                "\(cursor.literal(number)) does not fit \(datatype.rawValue) (\(Self.min) to \(Self.max))",
                at: number.start)
        }
        return value
    }
}

extension UInt8: JSONElement {}
extension Int8: JSONElement {}
extension UInt16: JSONElement {}
extension Int16: JSONElement {}
extension UInt32: JSONElement {}
extension Int32: JSONElement {}
extension UInt64: JSONElement {}
extension Int64: JSONElement {}

extension JSONCursor {
    /// A finite number in `Double`; 1e400 and the like are refused as out of range.
    mutating func readDouble(_ datatype: TensorDataType, _ path: String) throws(OpenInferenceJSONError)
        -> (Double, JSONNumber)
    {
        let number = try scanNumber(path)
        let value = number.double(in: bytes)
        guard value.isFinite else { throw outOfRange(number, datatype, path) }
        return (value, number)
    }

    func outOfRange(_ number: JSONNumber, _ datatype: TensorDataType, _ path: String) -> OpenInferenceJSONError {
        failure(
            .invalidNumber, path,
            "\(literal(number)) is out of range for \(datatype.rawValue) (send infinities in a binary tensor)",
            at: number.start)
    }
}

extension Double: JSONElement {
    static func read(_ cursor: inout JSONCursor, _ datatype: TensorDataType, _ path: String)
        throws(OpenInferenceJSONError) -> Double
    {
        try cursor.readDouble(datatype, path).0
    }
}

/// FP16 is the nearest value to the nearest `Double` of the literal, as
/// `numpy.float16(float(text))` gives it; one that rounds to infinity is out
/// of range.
extension JSONElement where Self: BinaryFloatingPoint {
    static func read(_ cursor: inout JSONCursor, _ datatype: TensorDataType, _ path: String)
        throws(OpenInferenceJSONError) -> Self
    {
        let (double, number) = try cursor.readDouble(datatype, path)
        let value = Self(double)
        guard value.isFinite else { throw cursor.outOfRange(number, datatype, path) }
        return value
    }
}

/// FP32 is the nearest `Float` to the literal (see ``JSONNumber/float(in:)``).
extension Float: JSONElement {
    static func read(_ cursor: inout JSONCursor, _ datatype: TensorDataType, _ path: String)
        throws(OpenInferenceJSONError) -> Float
    {
        let number = try cursor.scanNumber(path)
        let value = number.float(in: cursor.bytes)
        guard value.isFinite else { throw cursor.outOfRange(number, datatype, path) }
        return value
    }
}

extension Float16: JSONElement {}
