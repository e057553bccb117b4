import Topology

extension LoadReport {
    /// A table per class and the total (the total is the model's: a run loads one model), then where the
    /// variant accuracies came from and the generator's own figures.
    public var text: String {
        var lines = [
            "load \(plan.target) model \(plan.model): \(plan.arrivals.rawValue) \(Self.decimal(plan.rate, 1))/s for "
                + "\(Self.decimal(windowSeconds, 1)) s, \(Self.transport(plan)), seed \(plan.seed)",
            Self.row([
                "class", "timeout", "offered", "admitted", "on time", "on time %", "late", "504", "refused", "errors",
                "p50 ms", "p99 ms", "p99.9 ms", "goodput/s", "eff. acc.",
            ]),
        ]
        for report in classes + [total] {
            lines.append(
                Self.row([
                    report.name, report.timeout.map(Self.duration) ?? "-", "\(report.offered)", "\(report.admitted)",
                    "\(report.onTime)", Self.decimal(ClassReport.percent(report.onTime, of: report.offered), 2),
                    "\(report.answered - report.onTime)", "\(report.deadlineExceeded)", "\(report.refusedCount)",
                    "\(report.errorCount)", Self.milliseconds(report.latency?.p50),
                    Self.milliseconds(report.latency?.p99),
                    Self.milliseconds(report.latency?.p999), Self.decimal(report.goodputPerSecond, 1),
                    report.effectiveAccuracy?.value.map { Self.decimal($0, 4) } ?? "-",
                ]))
            var details: [String] = []
            if !report.refused.isEmpty { details.append("refused: " + Self.list(report.refused)) }
            if !report.errors.isEmpty { details.append("errors: " + Self.list(report.errors)) }
            if report.onTimeByVariant.keys.contains(where: { !$0.isEmpty }) {
                details.append("on time by variant: " + Self.list(Self.named(report.onTimeByVariant)))
            }
            if let unknown = report.effectiveAccuracy?.unknownVariants, !unknown.isEmpty {
                details.append("effective accuracy unknown: no accuracy for " + Self.list(Self.named(unknown)))
            }
            if !details.isEmpty { lines.append("    " + details.joined(separator: "; ")) }
        }
        let answers = if case .http = plan.target { "HTTP 200 answers" } else { "status 200 replies" }
        lines.append(
            "latency from the intended send time, over \(answers); on time = 200 within the class timeout")
        lines.append(Self.accuracySource(accuracies))
        lines.append(
            "sent \(Self.decimal(sentPerSecond, 1))/s (target \(Self.decimal(plan.rate, 1))/s); generator lag p50 "
                + "\(Self.milliseconds(lagP50)) ms, p99 \(Self.milliseconds(lagP99)) ms, max \(Self.milliseconds(lagMax)) ms; "
                + "drain \(Self.decimal(drainSeconds, 3)) s")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `json tensors, up to 64 connections`, `zeromq frames, 1 DEALER socket` or `grpc raw_input_contents, 1 HTTP/2 connection`.
    private static func transport(_ plan: LoadPlan) -> String {
        switch plan.target {
        case .http: "\(plan.tensorsSent) tensors, up to \(plan.connections) connections"
        case .zeroMQ: "zeromq \(plan.tensorsSent), \(plan.connections) DEALER socket\(plan.connections == 1 ? "" : "s")"
        case .grpc: "grpc \(plan.tensorsSent), 1 HTTP/2 connection"
        }
    }

    /// Where the effective accuracy's variant accuracies came from, or why there is none.
    private static func accuracySource(_ accuracies: VariantAccuracies?) -> String {
        guard let accuracies else {
            return "eff. acc.: no manifest read, so no variant accuracies (give --models with --url)"
        }
        let listed = accuracies.variants.map { name in
            name + " " + (accuracies.accuracy[name].map { decimal($0, 4) } ?? "none")
        }
        return "eff. acc. = sum of the answering variant's accuracy over on-time 200s / offered; accuracies from "
            + "\(accuracies.file): " + (listed.isEmpty ? "no variants" : listed.joined(separator: ", "))
    }

    /// `counts` with the answers that named no variant under `unnamed`.
    private static func named(_ counts: [String: Int]) -> [String: Int] {
        Dictionary(counts.map { ($0.key.isEmpty ? "unnamed" : $0.key, $0.value) }, uniquingKeysWith: +)
    }

    private static func row(_ cells: [String]) -> String {
        TextColumns.row(cells, widths: [10, 9, 9, 9, 9, 10, 7, 7, 9, 8, 9, 9, 10, 11, 10], minimumGap: 1)
    }

    private static func list(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    private static func milliseconds(_ microseconds: UInt64?) -> String {
        microseconds.map { decimal(Double($0) / 1000, 3) } ?? "-"
    }

    private static func duration(_ duration: Duration) -> String {
        let microseconds = duration.microseconds
        if microseconds % 1_000_000 == 0 { return "\(microseconds / 1_000_000)s" }
        if microseconds % 1000 == 0 { return "\(microseconds / 1000)ms" }
        return "\(microseconds)us"
    }

    /// `value` with `digits` decimals, without Foundation.
    static func decimal(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let whole = Int64(scaled)
        let integral = whole / Int64(scale)
        let fraction = String(whole % Int64(scale))
        let sign = value < 0 && whole != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(integral) }
        return sign + String(integral) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
