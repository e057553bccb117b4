import Foundation
import Scheduling
public import Topology

/// How `edgesched record inspect` prints a summary: text tables or the
/// `edgesched.record.inspect/v1` JSON document.
extension RecordingSummary {
    /// The JSON document (docs/recording.md).
    public var json: JSONValue {
        .object([
            JSONMember("schema", .string("edgesched.record.inspect/v1")),
            JSONMember("file", .string(path)),
            JSONMember("version", .int(Int(RecordingFormat.version))),
            JSONMember("started", .string(startedText)),
            JSONMember("requests", .int(requests)),
            JSONMember("dropped", .int(dropped)),
            JSONMember("first_arrival_s", firstArrival.map { .double($0.seconds) } ?? .null),
            JSONMember("last_arrival_s", lastArrival.map { .double($0.seconds) } ?? .null),
            JSONMember("served", .int(served)),
            JSONMember("refused", Self.counts(refused)),
            JSONMember(
                "ingresses", .object(ingresses.sorted { $0.key < $1.key }.map { JSONMember($0.key, .int($0.value)) })),
            JSONMember("queue_ms", Self.percentiles(queueTime)),
            JSONMember("service_ms", Self.percentiles(serviceTime)),
            JSONMember(
                "groups",
                .array(
                    groups.map { group in
                        .object([
                            JSONMember("model", .string(group.model)),
                            JSONMember("class", .string(group.priorityClass)),
                            JSONMember("requests", .int(group.requests)),
                            JSONMember("served", .int(group.served)),
                            JSONMember("on_time", .int(group.onTime)),
                            JSONMember("refused", Self.counts(group.refused)),
                            JSONMember("queue_ms", Self.percentiles(group.queueTime)),
                        ])
                    })),
            JSONMember(
                "variants",
                .array(
                    variants.map { use in
                        .object([
                            JSONMember("model", .string(use.model)),
                            JSONMember("variant", .string(use.variant)),
                            JSONMember("runs", .int(use.runs)),
                            JSONMember("downgrades", Self.counts(use.downgrades)),
                            JSONMember("service_ms", Self.percentiles(use.serviceTime)),
                        ])
                    })),
        ])
    }

    /// The summary as lines of text and tables.
    public var text: String {
        var lines = ["\(path): edgesched recording v\(RecordingFormat.version), started \(startedText)"]
        var span = ""
        if let first = firstArrival, let last = lastArrival {
            span = ", arrivals from \(Self.format(first.seconds, 3)) s to \(Self.format(last.seconds, 3)) s"
        }
        lines.append(
            "\(requests) requests" + span
                + (dropped > 0 ? "; \(dropped) dropped unrecorded (the writer fell behind)" : "; none dropped"))
        let refusals = Self.list(refused)
        lines.append("outcomes: served \(served)" + (refusals.isEmpty ? "" : ", " + refusals))
        lines.append(
            "ingress: " + ingresses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("queue time: \(Self.summary(queueTime)); service time: \(Self.summary(serviceTime))")
        lines.append("")
        let groupRows = groups.map { group in
            [
                group.model, group.priorityClass, "\(group.requests)", "\(group.served)", "\(group.onTime)",
                group.refused.isEmpty ? "-" : Self.list(group.refused), Self.pair(group.queueTime),
            ]
        }
        lines += Self.table(
            [["model", "class", "requests", "served", "on time", "refused", "queue p50/p99 ms"]] + groupRows,
            numbers: [2, 3, 4, 6])
        lines.append("")
        let variantRows = variants.map { use in
            [
                use.model, use.variant, "\(use.runs)", use.downgrades.isEmpty ? "-" : Self.list(use.downgrades),
                Self.pair(use.serviceTime),
            ]
        }
        lines += Self.table(
            [["model", "variant", "runs", "downgrades", "service p50/p99 ms"]] + variantRows, numbers: [2, 4])
        return lines.joined(separator: "\n") + "\n"
    }

    /// The wall-clock start in UTC, ISO 8601 with milliseconds.
    private var startedText: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(header.wallClockStart) / 1e9))
    }

    private static func counts<Reason: RawRepresentable<String> & CaseIterable>(_ counts: [Reason: Int])
        -> JSONValue
    {
        .object(Reason.allCases.compactMap { reason in counts[reason].map { JSONMember(reason.rawValue, .int($0)) } })
    }

    private static func list<Reason: RawRepresentable<String> & CaseIterable>(_ counts: [Reason: Int]) -> String {
        Reason.allCases.compactMap { reason in counts[reason].map { "\(reason.rawValue) \($0)" } }
            .joined(separator: ", ")
    }

    private static func percentiles(_ histogram: LatencyHistogram) -> JSONValue {
        guard histogram.count > 0 else { return .null }
        return .object([
            JSONMember("count", .int(histogram.count)),
            JSONMember("p50", .double(histogram.percentile(0.5).seconds * 1000)),
            JSONMember("p90", .double(histogram.percentile(0.9).seconds * 1000)),
            JSONMember("p99", .double(histogram.percentile(0.99).seconds * 1000)),
            JSONMember("max", .double(histogram.maximum.seconds * 1000)),
        ])
    }

    private static func summary(_ histogram: LatencyHistogram) -> String {
        guard histogram.count > 0 else { return "none ran" }
        let quantiles = [0.5, 0.9, 0.99].map { "p\(Int($0 * 100)) \(milliseconds(histogram.percentile($0)))" }
        return (quantiles + ["max \(milliseconds(histogram.maximum))"]).joined(separator: ", ") + " ms"
    }

    private static func pair(_ histogram: LatencyHistogram) -> String {
        guard histogram.count > 0 else { return "-" }
        return "\(milliseconds(histogram.percentile(0.5)))/\(milliseconds(histogram.percentile(0.99)))"
    }

    private static func milliseconds(_ duration: Duration) -> String {
        format(duration.seconds * 1000, 3)
    }

    private static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Rows with every column as wide as its widest cell, two spaces apart;
    /// the `numbers` columns right-aligned, the others left.
    private static func table(_ rows: [[String]], numbers: Set<Int>) -> [String] {
        let widths = (rows.first ?? []).indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { cells in
            cells.enumerated().map { column, cell in
                TextColumns.pad(cell, to: widths[column], numbers.contains(column) ? .right : .left)
            }.joined(separator: "  ")
        }
    }
}
