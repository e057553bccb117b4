import Metrics
import Prometheus

/// The series of the agent's part in its site's cluster:
/// `edgesched_cluster_reports_total{coordinator,result}` (reports `sent` to
/// each coordinator, or `dropped` because its pipe was full or the report
/// could not be encoded) and `edgesched_cluster_report_sequence` (the last
/// report's sequence number). Made once at start, found by index.
public final class ClusterMetrics: Sendable {
    /// `[coordinator][result]`, results in ``ReportResult/allCases`` order.
    private let reports: [[Metrics.Counter]]
    private let sequence: Metrics.Gauge

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
