import CZeroMQ

/// A CURVE key (public or secret) in Z85 text, the 40-character form libzmq and configuration files use.
///
/// Checked on creation, so a bad key in a configuration fails when it is read, naming the problem, rather than
/// at `zmq_setsockopt`. The description is the key itself: print public keys only.
public struct CurveKey: Sendable, Hashable, CustomStringConvertible {
    /// The key in Z85 (40 characters encoding 32 bytes).
    public let z85: String

    /// Checks that `z85` is a 40-character Z85 key.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_z85_decode` and what is wrong (never the text, which may be a
    ///   secret key) with `EINVAL`.
    public init(z85: String) throws(ZeroMQError) {
        let characters = Array(z85.utf8)
        guard characters.count == 40 else {
            throw ZeroMQError(
                function: "zmq_z85_decode", subject: "CURVE key of \(characters.count) characters, not 40",
                code: .invalidArgument)
        }
        var decoded = [UInt8](repeating: 0, count: 32)
        let valid = zmq_z85_decode(&decoded, z85) != nil
        guard valid else {
            throw ZeroMQError(
                function: "zmq_z85_decode", subject: "CURVE key with characters outside Z85",
                code: .invalidArgument)
        }
        self.z85 = z85
    }

    /// The key whose 32 bytes are `bytes`, as a plan carries a node's public key.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_z85_encode` with `EINVAL` for any other length.
    public init(bytes: [UInt8]) throws(ZeroMQError) {
        guard bytes.count == 32 else {
            throw ZeroMQError(
                function: "zmq_z85_encode", subject: "CURVE key of \(bytes.count) bytes, not 32",
                code: .invalidArgument)
        }
        var text = [CChar](repeating: 0, count: 41)
        // 32 bytes are a multiple of 4, the one thing zmq_z85_encode asks.
        _ = zmq_z85_encode(&text, bytes, 32)
        z85 = String(decoding: text.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The key's 32 bytes, as a cluster report carries a node's public key.
    public var bytes: [UInt8] {
        var decoded = [UInt8](repeating: 0, count: 32)
        // Checked in the initializer: the text decodes.
        _ = zmq_z85_decode(&decoded, z85)
        return decoded
    }

    /// The key, in Z85.
    public var description: String {
        z85
    }
}
