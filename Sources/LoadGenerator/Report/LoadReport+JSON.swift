public import Topology

extension LoadReport {
    /// The `edgesched.load/v1` document (docs/load.md).
    public var json: JSONValue {
        .object([
            JSONMember("schema", .string("edgesched.load/v1")),
            JSONMember("url", .string(plan.target.description)),
            JSONMember("transport", .string(plan.target.transport)),
            JSONMember("model", .string(plan.model)),
            JSONMember("arrivals", .string(plan.arrivals.rawValue)),
            JSONMember("rate_per_s", .double(plan.rate)),
            JSONMember("duration_s", .double(windowSeconds)),
            JSONMember("tensors", .string(plan.tensorsSent)),
            JSONMember("connections", .int(plan.connections)),
            JSONMember("seed", .int(Int(truncatingIfNeeded: plan.seed))),
            JSONMember("priority_as_integer", .bool(plan.priorityAsInteger)),
            JSONMember("class_parameters_sent", .bool(!plan.withoutClassParameters)),
            JSONMember("downgrades_allowed", .bool(plan.allowDowngrades)),
            JSONMember("lowest_variant", plan.lowestVariant.map(JSONValue.string) ?? .null),
            JSONMember("accuracies", accuracies.map(\.json) ?? .null),
            JSONMember("sent_per_s", .double(sentPerSecond)),
            JSONMember(
                "generator_lag_us",
                .object([
                    JSONMember("p50", .int(Int(lagP50))), JSONMember("p99", .int(Int(lagP99))),
                    JSONMember("max", .int(Int(lagMax))),
                ])),
            JSONMember("drain_s", .double(drainSeconds)),
            JSONMember("latency_from", .string("intended_send_time")),
            JSONMember("classes", .array(classes.map(\.json))),
            JSONMember("total", total.json),
        ])
    }
}

extension ClassReport {
    /// One class of the `edgesched.load/v1` document.
    var json: JSONValue {
        .object([
            JSONMember("name", .string(name)),
            JSONMember("timeout_us", timeout.map { .int(Int($0.microseconds)) } ?? .null),
            JSONMember("offered", .int(offered)),
            JSONMember("admitted", .int(admitted)),
            JSONMember("answered", .int(answered)),
            JSONMember("on_time", .int(onTime)),
            JSONMember("late", .int(answered - onTime)),
            JSONMember("deadline_exceeded", .int(deadlineExceeded)),
            JSONMember("refused", Self.counts(refused)),
            JSONMember("refused_total", .int(refusedCount)),
            JSONMember("errors", Self.counts(errors)),
            JSONMember("errors_total", .int(errorCount)),
            JSONMember("on_time_pct", .double(Self.percent(onTime, of: offered))),
            JSONMember(
                "latency_us",
                latency.map {
                    .object([
                        JSONMember("p50", .int(Int($0.p50))), JSONMember("p99", .int(Int($0.p99))),
                        JSONMember("p99.9", .int(Int($0.p999))), JSONMember("max", .int(Int($0.max))),
                    ])
                } ?? .null),
            JSONMember("goodput_per_s", .double(goodputPerSecond)),
            JSONMember("on_time_by_variant", Self.counts(onTimeByVariant)),
            JSONMember("effective_accuracy", effectiveAccuracy?.value.map(JSONValue.double) ?? .null),
            JSONMember("accuracy_unknown", effectiveAccuracy.map { Self.counts($0.unknownVariants) } ?? .null),
        ])
    }

    /// `part` as a percentage of `whole` (0 when `whole` is 0).
    static func percent(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) * 100 / Double(whole)
    }

    private static func counts(_ counts: [String: Int]) -> JSONValue {
        .object(counts.sorted { $0.key < $1.key }.map { JSONMember($0.key, .int($0.value)) })
    }
}

extension VariantAccuracies {
    /// The `accuracies` member: the manifest and each usable variant's accuracy, null when it declares none.
    var json: JSONValue {
        .object([
            JSONMember("file", .string(file)),
            JSONMember(
                "variants",
                .array(
                    variants.map { name in
                        .object([
                            JSONMember("name", .string(name)),
                            JSONMember("accuracy", accuracy[name].map(JSONValue.double) ?? .null),
                        ])
                    })),
        ])
    }
}
