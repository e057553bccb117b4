import CZeroMQ

/// A CURVE key pair for a server (clients must know its public key) or a client.
///
/// The description shows only the public key, so a pair can be logged.
public struct CurveKeyPair: Sendable, Hashable, CustomStringConvertible {
    /// The half peers are given.
    public let publicKey: CurveKey
    /// The half that never leaves this process.
    public let secretKey: CurveKey

    /// A new random pair (`zmq_curve_keypair`).
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_curve_keypair` with `ENOTSUP` when libzmq lacks CURVE
    ///   (``ZeroMQ/hasCurve``).
    public static func generate() throws(ZeroMQError) -> CurveKeyPair {
        var publicText = [CChar](repeating: 0, count: 41)
        var secretText = [CChar](repeating: 0, count: 41)
        try ZeroMQCall.check("zmq_curve_keypair") { zmq_curve_keypair(&publicText, &secretText) }
        return CurveKeyPair(
            publicKey: try CurveKey(z85: Self.text(publicText)),
            secretKey: try CurveKey(z85: Self.text(secretText)))
    }

    /// The pair whose secret half is `secretKey`, its public half derived (`zmq_curve_public`): a configuration
    /// need only store the secret.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_curve_public` with `ENOTSUP` when libzmq lacks CURVE.
    public init(secretKey: CurveKey) throws(ZeroMQError) {
        var publicText = [CChar](repeating: 0, count: 41)
        try ZeroMQCall.check("zmq_curve_public") { zmq_curve_public(&publicText, secretKey.z85) }
        self.init(publicKey: try CurveKey(z85: Self.text(publicText)), secretKey: secretKey)
    }

    private init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// The text libzmq wrote into a NUL-terminated Z85 buffer.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `CurveKeyPair(public: …)`, the secret left out.
    public var description: String {
        "CurveKeyPair(public: \(publicKey))"
    }
}
