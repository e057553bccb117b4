import Messaging

/// The benchmark's request, encoded here from docs/protocol.md alone (as any
/// client would, without the Agent module): an infer request for the model
/// `noop` with one input `x`, FP32 `[1, 60]`. The three frames are 32 + 25 +
/// 240 = 297 bytes, the 300-byte messages of the raw echo figures.
struct NoopRequest {
    static let model = "noop"
    static let inputName = "x"
    static let elements = 60

    /// The tensor header and data frames, the same for every request; a send
    /// shares them (`zmq_msg_copy`), so they are built once.
    let tensorHeader: Message
    let tensorData: Message

    init() throws {
        tensorHeader = try Message(copying: Self.tensorHeaderBytes())
        tensorData = try Message(count: Self.elements * 4) { buffer in
            for index in 0..<Self.elements {
                buffer.storeBytes(
                    of: Float(index % 7).bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
    }

    /// The three frames of request `id`: only the header differs between requests.
    func frames(id: UInt64) throws -> [Message] {
        [try Message(copying: Self.header(id: id)), tensorHeader, tensorData]
    }

    /// The request header: magic `es`, version 1, kind 1, the id, timeout 0
    /// (the class's default deadline), flags 0, one input, the model's name,
    /// and no priority, lowest or pinned variant.
    static func header(id: UInt64) -> [UInt8] {
        var bytes: [UInt8] = [0x65, 0x73, 1, 1]
        bytes.append(littleEndian: id)
        bytes.append(littleEndian: UInt64(0))
        bytes.append(littleEndian: UInt16(0))
        bytes.append(littleEndian: UInt16(1))
        bytes += [UInt8(model.utf8.count), 0, 0, 0]
        bytes += model.utf8
        return bytes
    }

    /// The tensor header: name and datatype lengths, rank 2, the dimensions
    /// `[1, 60]`, the name and `FP32`.
    static func tensorHeaderBytes() -> [UInt8] {
        let datatype = "FP32"
        var bytes: [UInt8] = [UInt8(inputName.utf8.count), UInt8(datatype.utf8.count), 2, 0]
        bytes.append(littleEndian: Int64(1))
        bytes.append(littleEndian: Int64(elements))
        bytes += inputName.utf8
        bytes += datatype.utf8
        return bytes
    }
}

extension [UInt8] {
    /// Appends `value`'s bytes, least significant first.
    mutating func append(littleEndian value: some FixedWidthInteger) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
