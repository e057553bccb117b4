/// The bounds a receiver holds every decoded message to, beyond the schema's
/// own (docs/cluster-protocol.md lists both). A message past one is refused,
/// never truncated to fit.
public struct WireLimits: Sendable, Equatable {
    /// The longest payload frame accepted, in bytes (default 1 MiB). A large
    /// site's plan may need more: raise it on every agent and coordinator alike.
    public var maximumPayloadBytes: Int
    /// The most entries any one repeated field may hold (default 65,536).
    public var maximumEntries: Int
    /// The longest model, variant or class name and endpoint, in bytes (default 256).
    public var maximumNameBytes: Int

    /// The longest reporting interval a report may declare, in milliseconds (an hour).
    public static let maximumIntervalMilliseconds: UInt32 = 3_600_000
    /// The length of a CURVE public key, in bytes.
    public static let publicKeyBytes = 32

    /// Limits, each defaulting to the documented value.
    public init(maximumPayloadBytes: Int = 1 << 20, maximumEntries: Int = 65_536, maximumNameBytes: Int = 256) {
        self.maximumPayloadBytes = maximumPayloadBytes
        self.maximumEntries = maximumEntries
        self.maximumNameBytes = maximumNameBytes
    }
}
