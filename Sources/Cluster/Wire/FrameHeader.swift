/// The first frame of every cluster message, 12 bytes, integers little-endian
/// (as in the agent's own protocol, docs/protocol.md):
///
///     0...3   magic, ASCII "ESCL"
///     4...5   protocol version (1)
///     6...7   message kind (`MessageKind`)
///     8...11  byte count of the payload frame that follows
///
/// The payload's count in the header lets a receiver tell a payload cut at a
/// protobuf field boundary (which would parse) from a whole one.
public struct FrameHeader: Sendable, Equatable {
    /// The four bytes every cluster message starts with.
    public static let magic: [UInt8] = Array("ESCL".utf8)
    /// The header frame's length.
    public static let byteCount = 12
    /// The protocol version this build writes and the only one it reads.
    public static let currentVersion: UInt16 = 1

    /// What the payload is.
    public var kind: MessageKind
    /// The payload frame's length in bytes.
    public var payloadByteCount: UInt32

    /// A header of the current version.
    public init(kind: MessageKind, payloadByteCount: UInt32) {
        self.kind = kind
        self.payloadByteCount = payloadByteCount
    }

    /// The header in `frame`; throws unless it is 12 bytes starting with the
    /// magic, of the current version and a known kind.
    public init(parsing frame: [UInt8]) throws(ClusterError) {
        let prefix = min(frame.count, Self.magic.count)
        guard frame.prefix(prefix).elementsEqual(Self.magic.prefix(prefix)) else {
            throw ClusterError(
                .notClusterMessage,
                "header frame starts with \(Self.hex(frame.prefix(Self.magic.count))), not the magic \"ESCL\"")
        }
        guard frame.count >= Self.byteCount else {
            throw ClusterError(.truncated, "header frame is \(frame.count) bytes, \(Self.byteCount) expected")
        }
        guard frame.count == Self.byteCount else {
            throw ClusterError(
                .notClusterMessage, "header frame is \(frame.count) bytes, \(Self.byteCount) expected")
        }
        let version = Self.readLittleEndian(UInt16.self, frame, at: 4)
        guard version == Self.currentVersion else {
            throw ClusterError(
                .wrongVersion, "cluster protocol version \(version); this build reads only \(Self.currentVersion)")
        }
        let kindValue = Self.readLittleEndian(UInt16.self, frame, at: 6)
        guard let kind = MessageKind(rawValue: kindValue) else {
            throw ClusterError(.unexpectedMessageKind, "message kind \(kindValue) is not one version 1 defines")
        }
        self.kind = kind
        self.payloadByteCount = Self.readLittleEndian(UInt32.self, frame, at: 8)
    }

    /// The header's 12 bytes.
    public var bytes: [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(Self.byteCount)
        Self.appendLittleEndian(Self.currentVersion, to: &bytes)
        Self.appendLittleEndian(kind.rawValue, to: &bytes)
        Self.appendLittleEndian(payloadByteCount, to: &bytes)
        return bytes
    }

    private static func appendLittleEndian(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The little-endian integer at `offset`; the caller has checked the frame's length.
    private static func readLittleEndian<Value: FixedWidthInteger & UnsignedInteger>(
        _: Value.Type, _ frame: [UInt8], at offset: Int
    ) -> Value {
        let bytes = frame[offset..<offset + MemoryLayout<Value>.size]
        return bytes.reversed().reduce(0) { value, byte in value << 8 | Value(byte) }
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }
        return digits.isEmpty ? "nothing" : "0x" + digits.joined()
    }
}
