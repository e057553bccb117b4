/// What every coordinator publishes each interval beside its plans, so its
/// peers know it is alive, whether it is the one publishing, and how far its
/// epochs have gone.
public struct CoordinatorHeartbeat: Sendable, Equatable {
    /// The sender.
    public var coordinator: NodeID
    /// Whether it publishes plans now.
    public var isActive: Bool
    /// The newest epoch it has published or seen.
    public var epoch: UInt64

    /// A heartbeat.
    public init(coordinator: NodeID, isActive: Bool, epoch: UInt64) {
        self.coordinator = coordinator
        self.isActive = isActive
        self.epoch = epoch
    }
}
