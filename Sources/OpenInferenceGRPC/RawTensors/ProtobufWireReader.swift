import GRPCCore

/// Walks the top-level fields of a protobuf message without decoding them,
/// so that one field's payload can be taken straight out of the transport's
/// buffer. It checks what it walks (varints end, lengths stay inside the
/// message); it does not interpret field values.
struct ProtobufWireReader {
    /// One field as it lies in the message.
    struct Field {
        let number: UInt64
        let wireType: ProtobufWireType
        /// The tag, length and payload: the field's whole encoding.
        let encoding: Range<Int>
        /// The payload alone (after a length-delimited field's length).
        let payload: Range<Int>
    }

    private let bytes: UnsafeRawBufferPointer
    private let message: String
    private var offset = 0
    /// How many groups the reader is inside (a group of an unknown field is
    /// skipped as protobuf readers skip it).
    private var groupDepth = 0

    /// A reader of `bytes`, an encoded `message` (named in errors).
    init(_ bytes: UnsafeRawBufferPointer, message: String) {
        self.bytes = bytes
        self.message = message
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(RPCError) -> Field? {
        guard offset < bytes.count else { return nil }
        let start = offset
        let tag = try varint(what: "a field's tag")
        guard let wireType = ProtobufWireType(rawValue: tag & 7) else {
            throw malformed("wire type \(tag & 7) at byte \(start)")
        }
        let number = tag >> 3
        guard number > 0 else { throw malformed("field number 0 at byte \(start)") }
        let payloadStart: Int
        switch wireType {
        case .varint:
            payloadStart = offset
            _ = try varint(what: "field \(number)'s value")
        case .fixed64:
            payloadStart = offset
            try skip(8, what: "field \(number)'s 8 bytes")
        case .fixed32:
            payloadStart = offset
            try skip(4, what: "field \(number)'s 4 bytes")
        case .lengthDelimited:
            let length = try varint(what: "field \(number)'s length")
            payloadStart = offset
            guard length <= UInt64(bytes.count - offset) else {
                throw malformed("field \(number) at byte \(start) claims \(length) bytes, past the message's end")
            }
            offset += Int(length)
        case .startGroup:
            payloadStart = offset
            try skipGroup(number, startingAt: start)
        case .endGroup:
            throw malformed("field \(number) at byte \(start) ends a group that never started")
        }
        return Field(number: number, wireType: wireType, encoding: start..<offset, payload: payloadStart..<offset)
    }

    private mutating func skipGroup(_ number: UInt64, startingAt start: Int) throws(RPCError) {
        guard groupDepth < Self.deepestGroup else {
            throw malformed("groups nest deeper than \(Self.deepestGroup) at byte \(start)")
        }
        groupDepth += 1
        defer { groupDepth -= 1 }
        while offset < bytes.count {
            let fieldStart = offset
            let tag = try varint(what: "a field's tag")
            if tag & 7 == ProtobufWireType.endGroup.rawValue {
                guard tag >> 3 == number else {
                    throw malformed("the group of field \(number) at byte \(start) ends as field \(tag >> 3)")
                }
                return
            }
            offset = fieldStart
            _ = try next()
        }
        throw malformed("the group of field \(number) at byte \(start) never ends")
    }

    /// As deep as SwiftProtobuf's decoder lets messages nest by default.
    private static let deepestGroup = 100

    private mutating func varint(what: String) throws(RPCError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 64, by: 7) {
            guard offset < bytes.count else { throw malformed("\(what) is cut off at byte \(offset)") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
        }
        throw malformed("\(what) at byte \(offset) is longer than 10 bytes")
    }

    private mutating func skip(_ count: Int, what: String) throws(RPCError) {
        guard count <= bytes.count - offset else { throw malformed("\(what) are cut off at byte \(offset)") }
        offset += count
    }

    private func malformed(_ problem: String) -> RPCError {
        RPCError(code: .invalidArgument, message: "\(message) is not valid protobuf: \(problem)")
    }
}

/// How a protobuf field's payload is laid out.
enum ProtobufWireType: UInt64 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}
