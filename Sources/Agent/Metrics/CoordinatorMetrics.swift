import Cluster
import Metrics
import Prometheus

/// A coordinator's series: `edgesched_coordinator_reports_total{result}`
/// (reports `accepted`, or dropped by ``DropReason``),
/// `edgesched_coordinator_peer_messages_total{result}` (peers' `heartbeat`s
/// and `plan`s, or dropped by reason), `edgesched_coordinator_nodes` (live
/// nodes), `edgesched_coordinator_nodes_dropped_total` (nodes silent for three
/// of their intervals), `edgesched_coordinator_active` (1 while it publishes),
/// `edgesched_coordinator_epoch` (the newest epoch published or seen),
/// `edgesched_coordinator_plans_published_total` and
/// `edgesched_coordinator_plan_milliseconds` (the last round's planning time)
/// and, with CURVE, `edgesched_coordinator_authentications_total{result}`
/// (connections `allowed` or `denied` by the allow-list).
public final class CoordinatorMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    /// `accepted`, then ``DropReason/allCases``.
    private let reports: [Metrics.Counter]
    /// `heartbeat`, `plan`, then ``DropReason/allCases``.
    private let peerMessages: [Metrics.Counter]
    private let nodes: Metrics.Gauge
    private let nodesDropped: Metrics.Counter
    private let active: Metrics.Gauge
    private let epoch: Metrics.Gauge
    private let plansPublished: Metrics.Counter
    private let planMilliseconds: Metrics.Gauge
    /// `allowed`, `denied`.
    private let authentications: [Metrics.Counter]

    /// What a peer coordinator's message was.
    enum PeerMessage: Int {
        case heartbeat = 0
        case plan = 1
    }

    /// The series, all at zero.
    public init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        let drops = DropReason.allCases.map(\.rawValue)
        reports = (["accepted"] + drops).map { result in
            Metrics.Counter(
                label: "edgesched_coordinator_reports_total", dimensions: [("result", result)], factory: factory)
        }
        peerMessages = (["heartbeat", "plan"] + drops).map { result in
            Metrics.Counter(
                label: "edgesched_coordinator_peer_messages_total", dimensions: [("result", result)],
                factory: factory)
        }
        nodes = Metrics.Gauge(label: "edgesched_coordinator_nodes", factory: factory)
        nodesDropped = Metrics.Counter(label: "edgesched_coordinator_nodes_dropped_total", factory: factory)
        active = Metrics.Gauge(label: "edgesched_coordinator_active", factory: factory)
        epoch = Metrics.Gauge(label: "edgesched_coordinator_epoch", factory: factory)
        plansPublished = Metrics.Counter(label: "edgesched_coordinator_plans_published_total", factory: factory)
        planMilliseconds = Metrics.Gauge(label: "edgesched_coordinator_plan_milliseconds", factory: factory)
        authentications = ["allowed", "denied"].map { result in
            Metrics.Counter(
                label: "edgesched_coordinator_authentications_total", dimensions: [("result", result)],
                factory: factory)
        }
    }

    /// Counts a report taken, or dropped for `reason`.
    func recordReport(dropped reason: DropReason?) {
        reports[Self.index(of: reason)].increment()
    }

    /// Counts a peer's message taken as `kind`, or dropped for `reason`.
    func recordPeerMessage(_ kind: PeerMessage) {
        peerMessages[kind.rawValue].increment()
    }

    /// Counts a peer's message dropped for `reason`.
    func recordPeerMessage(dropped reason: DropReason) {
        peerMessages[Self.index(of: reason) + 1].increment()
    }

    /// The live nodes after a round, and how many it dropped as silent.
    func recordNodes(live: Int, dropped: Int) {
        nodes.record(Double(live))
        if dropped > 0 { nodesDropped.increment(by: dropped) }
    }

    /// The role and epoch after a round, with its planning time; `published`
    /// when a plan went out.
    func recordRound(isActive: Bool, epoch newest: UInt64, planMilliseconds milliseconds: Double, published: Bool) {
        active.record(isActive ? 1 : 0)
        epoch.record(Double(newest))
        planMilliseconds.record(milliseconds)
        if published { plansPublished.increment() }
    }

    /// Counts a CURVE connection the ZAP handler let in or refused.
    func recordAuthentication(allowed: Bool) {
        authentications[allowed ? 0 : 1].increment()
    }

    /// Every series in Prometheus's text format, for `GET /metrics`.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// 0 for nil (taken), else one past the reason's place.
    private static func index(of reason: DropReason?) -> Int {
        guard let reason, let position = DropReason.allCases.firstIndex(of: reason) else { return 0 }
        return position + 1
    }
}
