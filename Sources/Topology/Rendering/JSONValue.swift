/// A JSON document built in code and written with stable key order.
///
/// edgesched writes JSON without Foundation so that CLI commands start in a
/// few milliseconds; this small value type is all the writing needs.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members in the order they are written.
    case object([JSONMember])

    /// The document as text: two-space indentation, one member per line,
    /// arrays of numbers and strings kept on one line, and a final newline.
    /// Written with ``JSONWriter``; a non-finite double is `null` here, as
    /// documents for other programs need plain JSON.
    public func serialized() -> String {
        var writer = JSONWriter(capacity: 1024)
        write(into: &writer, indent: 0)
        writer.byte(UInt8(ascii: "\n"))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private func write(into writer: inout JSONWriter, indent: Int) {
        switch self {
        case .null: writer.raw("null")
        case .bool(let value): writer.raw(value ? "true" : "false")
        case .int(let value): writer.integer(value)
        case .double(let value) where value.isFinite: writer.float(value)
        case .double: writer.raw("null")
        case .string(let value): writer.string(value)
        case .array(let elements) where elements.isEmpty: writer.raw("[]")
        case .array(let elements) where elements.allSatisfy(\.isScalar):
            writer.byte(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { writer.raw(", ") }
                element.write(into: &writer, indent: indent)
            }
            writer.byte(UInt8(ascii: "]"))
        case .array(let elements):
            writer.raw("[\n")
            for (position, element) in elements.enumerated() {
                Self.indent(indent + 2, into: &writer)
                element.write(into: &writer, indent: indent + 2)
                writer.raw(position + 1 < elements.count ? ",\n" : "\n")
            }
            Self.indent(indent, into: &writer)
            writer.byte(UInt8(ascii: "]"))
        case .object(let members) where members.isEmpty: writer.raw("{}")
        case .object(let members):
            writer.raw("{\n")
            for (position, member) in members.enumerated() {
                Self.indent(indent + 2, into: &writer)
                writer.string(member.key)
                writer.raw(": ")
                member.value.write(into: &writer, indent: indent + 2)
                writer.raw(position + 1 < members.count ? ",\n" : "\n")
            }
            Self.indent(indent, into: &writer)
            writer.byte(UInt8(ascii: "}"))
        }
    }

    private static func indent(_ count: Int, into writer: inout JSONWriter) {
        for _ in 0..<count {
            writer.byte(UInt8(ascii: " "))
        }
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    /// The member's name.
    public var key: String
    /// Its value.
    public var value: JSONValue

    /// The member `"key": value`.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
