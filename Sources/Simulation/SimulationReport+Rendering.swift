import Foundation
import Scheduling
public import Topology

/// How `edgesched bench sched` prints a report: a text table or the JSON
/// document.
extension SimulationReport {
    /// The `edgesched.bench.sched/v1` document (docs/scheduling.md).
    public var json: JSONValue {
        let classes = classNames.enumerated().map { index, name in
            JSONValue.object(
                [JSONMember("name", .string(name))] + Self.members(of: statistics.classes[index]) + [
                    JSONMember("worker_time_s", .double(statistics.classes[index].workerTime.seconds)),
                    JSONMember("worker_share", .double(workerTimeShare(ofClass: index))),
                ])
        }
        return .object([
            JSONMember("schema", .string("edgesched.bench.sched/v1")),
            JSONMember("scenario", .string(scenario)),
            JSONMember("policy", .string(policy.rawValue)),
            JSONMember("seed", .int(Int(truncatingIfNeeded: seed))),
            JSONMember("classes", .array(classes)),
            JSONMember("goodput_per_s", .double(goodputPerSecond)),
            JSONMember("wasted_cpu_s", .double(wastedWorkerTime.seconds)),
            JSONMember("wasted_fraction", .double(wastedFraction)),
            JSONMember("worker_time_s", .double(workerTime.seconds)),
            JSONMember("outcomes", .int(outcomes)),
            JSONMember("requests", .int(requests)),
            JSONMember("duplicate_outcomes", .int(duplicateOutcomes)),
            JSONMember("arrivals_s", .double(duration.seconds)),
            JSONMember("simulated_s", .double(simulatedTime.seconds)),
            JSONMember("level_changes", .int(levelChanges.reduce(0) { $0 + $1.count })),
            JSONMember("shortest_level_change_s", shortestLevelChangeInterval.map { .double($0.seconds) } ?? .null),
        ])
    }

    /// A table per class and the overall figures, after a line naming the
    /// scenario (with its `summary`), the policy and the seed.
    public func text(summary: String) -> String {
        var lines = [
            "scenario \(scenario) (\(summary)), policy \(policy.rawValue), seed \(seed)",
            "\(requests) requests over \(Self.format(duration.seconds, 1)) s; last answer at \(Self.format(simulatedTime.seconds, 1)) s",
            Self.row([
                "class", "offered", "admitted", "completed", "met %", "downgr. %", "rejected %", "p50 ms", "p99 ms",
                "worker s",
            ]),
        ]
        for (index, name) in classNames.enumerated() {
            let counters = statistics.classes[index]
            let refused = counters.refusals.values.reduce(0, +)
            lines.append(
                Self.row([
                    name, "\(counters.offered)", "\(counters.admitted)", "\(counters.completed)",
                    Self.format(Self.percent(counters.metDeadline, of: counters.offered), 2),
                    Self.format(Self.percent(counters.downgraded, of: counters.offered), 2),
                    Self.format(Self.percent(refused, of: counters.offered), 2),
                    Self.format(counters.latency.percentile(0.5).seconds * 1000, 2),
                    Self.format(counters.latency.percentile(0.99).seconds * 1000, 2),
                    Self.format(counters.workerTime.seconds, 2),
                ])
            )
            let reasons = counters.refusals.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                "\($0.key.rawValue) \($0.value)"
            }
            if !reasons.isEmpty {
                lines.append("          rejected: " + reasons.joined(separator: ", "))
            }
        }
        lines.append(
            "goodput \(Self.format(goodputPerSecond, 1))/s; worker time \(Self.format(workerTime.seconds, 2)) s, "
                + "\(Self.format(wastedWorkerTime.seconds, 3)) s on late completions (\(Self.format(wastedFraction * 100, 3)) %)"
        )
        lines.append("outcomes \(outcomes) for \(requests) requests (\(duplicateOutcomes) answered twice)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A class's counts and percentages as the JSON documents carry them,
    /// for a simulated run and for a recording alike.
    static func members(of counters: SchedulerStatistics.Counters) -> [JSONMember] {
        [
            JSONMember("offered", .int(counters.offered)),
            JSONMember("admitted", .int(counters.admitted)),
            JSONMember("completed", .int(counters.completed)),
            JSONMember("met_deadline", .int(counters.metDeadline)),
            JSONMember("met_deadline_pct", .double(percent(counters.metDeadline, of: counters.offered))),
            JSONMember("met_deadline_of_admitted_pct", .double(percent(counters.metDeadline, of: counters.admitted))),
            JSONMember("downgraded", .int(counters.downgraded)),
            JSONMember("downgraded_pct", .double(percent(counters.downgraded, of: counters.offered))),
            JSONMember("downgrades", reasons(counters.downgrades)),
            JSONMember("rejected", reasons(counters.refusals)),
            JSONMember("rejected_pct", .double(percent(counters.refusals.values.reduce(0, +), of: counters.offered))),
            JSONMember("p50_ms", .double(counters.latency.percentile(0.5).seconds * 1000)),
            JSONMember("p99_ms", .double(counters.latency.percentile(0.99).seconds * 1000)),
        ]
    }

    static func percent(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) * 100 / Double(whole)
    }

    static func reasons<Reason: RawRepresentable>(_ counts: [Reason: Int]) -> JSONValue
    where Reason.RawValue == String {
        .object(counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { JSONMember($0.key.rawValue, .int($0.value)) })
    }

    private static func row(_ cells: [String]) -> String {
        TextColumns.row(cells, widths: [10, 9, 9, 10, 8, 10, 11, 9, 9, 9])
    }

    /// `value` with `digits` decimals.
    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
