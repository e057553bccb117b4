/// What a coordinator's PUB socket carries: the plans agents apply and the
/// heartbeats its peers elect by.
public enum CoordinatorMessage: Sendable, Equatable {
    /// A plan (frame header kind 2).
    case plan(PublishedPlan)
    /// A heartbeat (frame header kind 3).
    case heartbeat(CoordinatorHeartbeat)
}
