import Scheduling
public import Topology

/// How `edgesched bench sched --replay` prints a report: a table of
/// recorded against replayed figures, or the JSON document.
extension ReplayReport {
    /// The `edgesched.bench.replay/v1` document (docs/scheduling.md).
    public var json: JSONValue {
        let statistics = (recorded: recorded.statistics, replayed: replayed.statistics)
        let classes = replayed.classNames.enumerated().map { index, name in
            let onTime = onTimeOfAdmitted(ofClass: index)
            return JSONValue.object([
                JSONMember("name", .string(name)),
                JSONMember("recorded", .object(SimulationReport.members(of: statistics.recorded.classes[index]))),
                JSONMember("replayed", .object(SimulationReport.members(of: statistics.replayed.classes[index]))),
                JSONMember("met_deadline_of_admitted_diff_pp", .double(onTime.replayed - onTime.recorded)),
            ])
        }
        return .object([
            JSONMember("schema", .string("edgesched.bench.replay/v1")),
            JSONMember("file", .string(replay.path)),
            JSONMember("policy", .string(replayed.policy.rawValue)),
            JSONMember("seed", .int(Int(truncatingIfNeeded: replayed.seed))),
            JSONMember("requests", .int(replay.requests)),
            JSONMember("dropped", .int(replay.dropped)),
            JSONMember("arrivals_s", .double(replay.duration.seconds)),
            JSONMember("workers_per_domain", .array(replay.configuration.workersPerDomain.map { .int($0) })),
            JSONMember("workers_source", .string(workersSourceText)),
            JSONMember("classes_source", .string(replay.classesSource)),
            JSONMember("service_samples", .array(serviceSamples.map(\.json))),
            JSONMember(
                "dispatch_gaps",
                .array(
                    replay.configuration.workersPerDomain.indices.compactMap { domain in
                        replay.dispatchGaps(domain: domain).map { gaps in
                            .object([
                                JSONMember("domain", .int(domain)), JSONMember("count", .int(gaps.count)),
                                JSONMember("mean_us", .double(gaps.mean.seconds * 1e6)),
                            ])
                        }
                    })),
            JSONMember("unplayed_variants", .array(replay.unplayedVariants.map { .string($0) })),
            JSONMember("classes", .array(classes)),
            JSONMember(
                "recorded",
                .object([
                    JSONMember("goodput_per_s", .double(recorded.goodputPerSecond)),
                    JSONMember("downgrades", .int(downgrades.recorded)),
                    JSONMember("arrival_digest", .string(String(recorded.arrivalDigest, radix: 16))),
                ])),
            JSONMember("replayed", replayed.json),
            JSONMember(
                "differences",
                .object([
                    JSONMember("goodput_per_s", .double(replayed.goodputPerSecond - recorded.goodputPerSecond)),
                    JSONMember("downgrades", .int(downgrades.replayed - downgrades.recorded)),
                    JSONMember("downgrades_pct", downgradeDifferencePercent.map { .double($0) } ?? .null),
                ])),
        ])
    }

    /// The node, the service-time samples, then one row per class with
    /// recorded and replayed figures side by side, refusals by reason, and
    /// goodput and downgrades with their differences.
    public var text: String {
        let format = SimulationReport.format
        var lines = [
            "replay of \(replay.path), policy \(replayed.policy.rawValue), seed \(replayed.seed): "
                + "\(replay.requests) requests over \(format(replay.duration.seconds, 1)) s"
                + (replay.dropped > 0 ? " (\(replay.dropped) dropped unrecorded)" : ""),
            "node: classes from \(replay.classesSource); workers per domain "
                + replay.configuration.workersPerDomain.map(String.init).joined(separator: ", ")
                + " (\(workersSourceText))",
            "service times drawn from the recorded runs: "
                + serviceSamples.map(\.text).joined(separator: "; "),
        ]
        let gaps = replay.configuration.workersPerDomain.indices.compactMap { domain in
            replay.dispatchGaps(domain: domain).map {
                "domain \(domain) \($0.count), mean \(format($0.mean.seconds * 1e6, 1)) µs"
            }
        }
        if !gaps.isEmpty {
            lines.append("dispatch gaps drawn from the recorded ones: " + gaps.joined(separator: "; "))
        }
        if !replay.unplayedVariants.isEmpty {
            lines.append(
                "not loaded (never ran in the recording): " + replay.unplayedVariants.joined(separator: ", "))
        }
        lines.append(
            Self.row([
                "class", "offered", "admitted", "", "on time % of admitted", "", "", "downgraded", "", "p99 ms", "",
            ]))
        lines.append(
            Self.row([
                "", "", "recorded", "replayed", "recorded", "replayed", "diff pp", "recorded", "replayed",
                "recorded", "replayed",
            ]))
        let statistics = (recorded: recorded.statistics, replayed: replayed.statistics)
        for (index, name) in replayed.classNames.enumerated() {
            let (was, now) = (statistics.recorded.classes[index], statistics.replayed.classes[index])
            let onTime = onTimeOfAdmitted(ofClass: index)
            lines.append(
                Self.row([
                    name, "\(was.offered)", "\(was.admitted)", "\(now.admitted)", format(onTime.recorded, 2),
                    format(onTime.replayed, 2), Self.signed(onTime.replayed - onTime.recorded),
                    "\(was.downgraded)", "\(now.downgraded)",
                    format(was.latency.percentile(0.99).seconds * 1000, 2),
                    format(now.latency.percentile(0.99).seconds * 1000, 2),
                ]))
            let refusals = (Self.reasons(was.refusals), Self.reasons(now.refusals))
            if refusals != ("-", "-") {
                lines.append("          refused: recorded \(refusals.0); replayed \(refusals.1)")
            }
        }
        let goodput = (recorded.goodputPerSecond, replayed.goodputPerSecond)
        lines.append(
            "goodput: recorded \(format(goodput.0, 1))/s, replayed \(format(goodput.1, 1))/s "
                + "(\(Self.signed(goodput.1 - goodput.0))/s)")
        let difference = downgradeDifferencePercent.map { "\(Self.signed($0)) %" } ?? "none recorded"
        lines.append("downgrades: recorded \(downgrades.recorded), replayed \(downgrades.replayed) (\(difference))")
        lines.append(
            "outcomes \(replayed.outcomes) for \(replayed.requests) requests (\(replayed.duplicateOutcomes) answered twice)"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    private var workersSourceText: String {
        switch replay.workersSource {
        case .given(let source): source
        case .inferred: "the most runs at once per domain in the recording"
        }
    }

    /// The runs a replay draws from, per model, variant and domain that ran.
    private struct SampleSet {
        var model: String
        var variant: String
        var domain: Int
        var runs: Int
        var median: Duration

        var json: JSONValue {
            .object([
                JSONMember("model", .string(model)), JSONMember("variant", .string(variant)),
                JSONMember("domain", .int(domain)), JSONMember("runs", .int(runs)),
                JSONMember("median_ms", .double(median.seconds * 1000)),
            ])
        }

        var text: String {
            "\(model)/\(variant)@\(domain) \(runs) runs, median \(SimulationReport.format(median.seconds * 1000, 3)) ms"
        }
    }

    private var serviceSamples: [SampleSet] {
        replay.configuration.models.enumerated().flatMap { modelIndex, model in
            model.variants.enumerated().flatMap { rung, variant in
                variant.serviceTime.keys.sorted { $0.index < $1.index }.map { domain in
                    SampleSet(
                        model: model.name, variant: variant.name, domain: domain.index,
                        runs: replay.measuredRuns(model: modelIndex, variant: rung, domain: domain.index),
                        median: variant.serviceTime[domain] ?? .zero)
                }
            }
        }
    }

    private static func reasons(_ counts: [RefusalReason: Int]) -> String {
        let listed = RefusalReason.allCases.compactMap { reason in counts[reason].map { "\(reason.rawValue) \($0)" } }
        return listed.isEmpty ? "-" : listed.joined(separator: ", ")
    }

    private static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + SimulationReport.format(value, 2)
    }

    private static func row(_ cells: [String]) -> String {
        TextColumns.row(cells, widths: [10, 9, 10, 10, 10, 10, 9, 11, 10, 10, 10])
    }
}
