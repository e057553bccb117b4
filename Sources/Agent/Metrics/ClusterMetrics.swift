import Cluster
import Metrics
import Prometheus

/// The series of the agent's part in its site's cluster:
/// `edgesched_cluster_reports_total{coordinator,result}` (reports `sent` to
/// each coordinator, or `dropped` because its pipe was full or the report
/// could not be encoded), `edgesched_cluster_report_sequence` (the last
/// report's sequence number), `edgesched_cluster_plans_total{result}` (plans
/// `accepted`, or dropped by ``DropReason``), `edgesched_cluster_plan_epoch`
/// (the newest plan's epoch; 0: none yet) and `edgesched_cluster_autonomous`
/// (1 while no plan has come for `cluster.autonomy`),
/// `edgesched_cluster_forwards_total{result}` (refusals `sent` to a route's
/// peer, `no_peer` that could finish in time, `not_sent` when its pipe was
/// full) and `edgesched_cluster_forward_replies_total{result}` (forwards
/// `answered` or `refused` by the peer, `timed_out`, replies `late` or
/// `malformed`). Made once at start, found by index.
public final class ClusterMetrics: Sendable {
    /// `[coordinator][result]`, results in ``ReportResult/allCases`` order.
    private let reports: [[Metrics.Counter]]
    private let sequence: Metrics.Gauge
    /// `accepted`, then ``DropReason/allCases``.
    private let plans: [Metrics.Counter]
    private let epoch: Metrics.Gauge
    private let autonomous: Metrics.Gauge
    private let forwards: [Metrics.Counter]
    private let forwardReplies: [Metrics.Counter]

    /// What became of one refusal with a route for its model.
    public enum ForwardResult: String, CaseIterable, Sendable {
        case sent
        case noPeer = "no_peer"
        case notSent = "not_sent"
    }

    /// What became of one forwarded request, or a reply.
    public enum ForwardReplyResult: String, CaseIterable, Sendable {
        case answered
        case refused
        case timedOut = "timed_out"
        case late
        case malformed
    }

    /// What became of one report to one coordinator.
    public enum ReportResult: String, CaseIterable, Sendable {
        /// Handed to libzmq for the coordinator.
        case sent
        /// Not sent: the coordinator's pipe was full, or the report would not encode.
        case dropped
    }

    /// The series for these coordinators (by id, in configuration order).
    init(coordinators: [String], factory: PrometheusMetricsFactory) {
        reports = coordinators.map { coordinator in
            ReportResult.allCases.map { result in
                Metrics.Counter(
                    label: "edgesched_cluster_reports_total",
                    dimensions: [("coordinator", coordinator), ("result", result.rawValue)], factory: factory)
            }
        }
        sequence = Metrics.Gauge(label: "edgesched_cluster_report_sequence", factory: factory)
        plans = (["accepted"] + DropReason.allCases.map(\.rawValue)).map { result in
            Metrics.Counter(label: "edgesched_cluster_plans_total", dimensions: [("result", result)], factory: factory)
        }
        epoch = Metrics.Gauge(label: "edgesched_cluster_plan_epoch", factory: factory)
        autonomous = Metrics.Gauge(label: "edgesched_cluster_autonomous", factory: factory)
        forwards = ForwardResult.allCases.map { result in
            Metrics.Counter(
                label: "edgesched_cluster_forwards_total", dimensions: [("result", result.rawValue)], factory: factory)
        }
        forwardReplies = ForwardReplyResult.allCases.map { result in
            Metrics.Counter(
                label: "edgesched_cluster_forward_replies_total", dimensions: [("result", result.rawValue)],
                factory: factory)
        }
    }

    /// Counts a refusal the forwarding loop took.
    func recordForward(_ result: ForwardResult) {
        guard let index = ForwardResult.allCases.firstIndex(of: result) else { return }
        forwards[index].increment()
    }

    /// Counts what became of a forward.
    func recordForwardReply(_ result: ForwardReplyResult) {
        guard let index = ForwardReplyResult.allCases.firstIndex(of: result) else { return }
        forwardReplies[index].increment()
    }

    /// Counts a plan accepted as the newest, of `epoch`.
    func recordPlanAccepted(epoch newest: UInt64) {
        plans[0].increment()
        epoch.record(Double(newest))
    }

    /// Counts a plan dropped for `reason`.
    func recordPlanDropped(_ reason: DropReason) {
        guard let index = DropReason.allCases.firstIndex(of: reason) else { return }
        plans[index + 1].increment()
    }

    /// Whether the agent serves on its last plan (or alone) past its autonomy time.
    func recordAutonomous(_ isAutonomous: Bool) {
        autonomous.record(isAutonomous ? 1 : 0)
    }

    /// Counts a report to the coordinator at `coordinator` (its configuration index).
    func recordReport(_ result: ReportResult, coordinator: Int, sequence number: UInt64) {
        guard reports.indices.contains(coordinator), let index = ReportResult.allCases.firstIndex(of: result) else {
            return
        }
        reports[coordinator][index].increment()
        sequence.record(Double(number))
    }
}
