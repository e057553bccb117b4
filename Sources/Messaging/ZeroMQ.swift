import CZeroMQ

/// Facts about the libzmq this process loaded, for the agent to log at start: which version, and whether it can
/// encrypt (CURVE needs libzmq built with libsodium or its bundled tweetnacl).
public enum ZeroMQ {
    /// The version of the loaded library (`zmq_version`), which may differ from the headers built against.
    public static var version: ZeroMQVersion {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return ZeroMQVersion(major: Int(major), minor: Int(minor), patch: Int(patch))
    }

    /// Whether the library supports CURVE security (`zmq_has("curve")`): without it, ``CurveKeyPair`` and the
    /// CURVE socket options fail.
    public static var hasCurve: Bool {
        has("curve")
    }

    /// Whether the library was built with `capability` (`ipc`, `curve`, `gssapi`, `draft`, …; `zmq_has`).
    public static func has(_ capability: String) -> Bool {
        zmq_has(capability) != 0
    }
}

/// A libzmq version, printed `major.minor.patch`.
public struct ZeroMQVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Incremented on incompatible API changes.
    public let major: Int
    /// Incremented on compatible additions.
    public let minor: Int
    /// Incremented on fixes.
    public let patch: Int

    /// `4.3.4`.
    public var description: String {
        "\(major).\(minor).\(patch)"
    }

    /// Orders by major, then minor, then patch.
    public static func < (lhs: ZeroMQVersion, rhs: ZeroMQVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
