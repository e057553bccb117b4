public import Scheduling

/// Which coordinator of a site publishes plans, decided by each one alone
/// from the heartbeats it hears, on an injected clock (no I/O, no threads):
///
/// - At start a coordinator listens for one takeover time before it may act.
/// - While a live peer says it is active, the others stand by, whatever
///   their ids: a coordinator that comes back does not fight the current one.
/// - When no live peer has said so for the takeover time, the live standby
///   with the lowest id takes over, with an epoch above every one it has
///   seen, so agents take its plans over the old ones.
/// - Two active ones (a healed partition): the one whose epoch is lower, or
///   on a tie whose id is higher, steps down.
///
/// A peer is live while its last heartbeat is younger than the takeover time.
public struct CoordinatorElection: Sendable {
    /// This coordinator.
    public let own: NodeID
    /// How long the active one may be silent before a standby takes over.
    public let takeover: Duration
    /// Whether this coordinator publishes plans now.
    public private(set) var isActive = false
    /// The newest epoch this coordinator has published or seen.
    public private(set) var epoch: UInt64 = 0
    private let started: Instant
    /// Each peer's last heartbeat and when it came.
    private var peers: [NodeID: (heartbeat: CoordinatorHeartbeat, heard: Instant)] = [:]
    /// When a peer last said it was active (or the start).
    private var activeHeard: Instant

    /// A coordinator that starts standing by at `now`.
    public init(own: NodeID, takeover: Duration, now: Instant) {
        self.own = own
        self.takeover = takeover
        started = now
        activeHeard = now
    }

    /// Takes in a peer's heartbeat; one from this coordinator's own id is ignored.
    public mutating func heard(_ heartbeat: CoordinatorHeartbeat, at now: Instant) {
        guard heartbeat.coordinator != own else { return }
        peers[heartbeat.coordinator] = (heartbeat, now)
        if heartbeat.isActive {
            activeHeard = max(activeHeard, now)
            if isActive, Self.outranks(heartbeat, ownEpoch: epoch, own: own) { isActive = false }
        }
        epoch = max(epoch, heartbeat.epoch)
    }

    /// Notes an epoch seen elsewhere (a plan this coordinator received).
    public mutating func saw(epoch seen: UInt64) {
        epoch = max(epoch, seen)
    }

    /// Decides the role at `now`; returns the epoch the next plan carries
    /// when this coordinator is active, nil when it stands by.
    public mutating func nextEpoch(at now: Instant) -> UInt64? {
        if !isActive, mayTakeOver(at: now) { isActive = true }
        guard isActive else { return nil }
        epoch = epoch &+ 1
        return epoch
    }

    /// The heartbeat this coordinator publishes now.
    public var heartbeat: CoordinatorHeartbeat {
        CoordinatorHeartbeat(coordinator: own, isActive: isActive, epoch: epoch)
    }

    /// The peers heard within the takeover time, by id.
    public func livePeers(at now: Instant) -> [NodeID] {
        peers.filter { now - $0.value.heard < takeover }.keys.sorted()
    }

    private func mayTakeOver(at now: Instant) -> Bool {
        guard now - started >= takeover, now - activeHeard >= takeover else { return false }
        let live = peers.filter { now - $0.value.heard < takeover }
        if live.values.contains(where: \.heartbeat.isActive) { return false }
        return live.keys.allSatisfy { own < $0 }
    }

    /// Whether an active peer's heartbeat wins over this active coordinator.
    private static func outranks(_ heartbeat: CoordinatorHeartbeat, ownEpoch: UInt64, own: NodeID) -> Bool {
        heartbeat.epoch != ownEpoch ? heartbeat.epoch > ownEpoch : heartbeat.coordinator < own
    }
}
