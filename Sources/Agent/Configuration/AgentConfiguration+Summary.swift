import Placement
import Scheduling

extension AgentConfiguration {
    /// The effective settings a line each, as `config check` prints them,
    /// so an operator sees what the defaults filled in.
    public var summary: String {
        let classList = classes.map(Self.describe).joined(separator: "; ")
        let lines = [
            "node: \(nodeID ?? "(the host name)")",
            "topology root: \(topologyRoot)",
            "placement: domain \(placement.domain.rawValue), smt \(placement.smt.rawValue), "
                + "reserve \(placement.reserve), memory \(placement.memory.rawValue)",
            "workers: spin \(Self.describe(spin: workers.spin)) before parking",
            "models: \(models.folder), onnxruntime \(models.onnxRuntimePath ?? "(searched)"), "
                + "\(models.intraOpThreads) intra-op thread(s) per session",
            "scheduling: policy \(schedulingPolicy.rawValue)",
            "classes: \(classList); default \(defaultClass)",
            "http: \(ingress.http); grpc: \(ingress.grpc.map(\.description) ?? "off"); "
                + "zeromq: \(ingress.zeromq.map(\.description) ?? "off"); metrics: \(metrics.map(\.description) ?? "off")",
            "zeromq: \(zeromq.maxInFlightPerPeer) in flight per peer, messages up to \(zeromq.maxMessageBytes) bytes, "
                + "\(zeromq.sendHighWaterMark) replies queued per peer, heartbeat every "
                + "\(DurationText.format(zeromq.heartbeatInterval)) (timeout \(DurationText.format(zeromq.heartbeatTimeout))), "
                + (zeromq.curveSecretKeyFile.map { "CURVE with the secret key in \($0)" } ?? "no CURVE")
                + ", spin \(Self.describe(spin: zeromq.replySpin)) for replies",
            "limits: body \(limits.maxBodyBytes) bytes, \(limits.maxInFlight) in flight, "
                + "drain \(DurationText.format(limits.drainTimeout)), timeout up to \(DurationText.format(limits.maxTimeout))",
            "sensors: every \(DurationText.format(sensors.interval))",
            "recording: "
                + (recording.map { "\($0.path), rotated to \($0.path).1 at \($0.maxMegabytes) MiB" } ?? "off"),
            "cluster: " + (cluster.map(Self.describe) ?? "off (serving alone)"),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ cluster: Cluster) -> String {
        let coordinators = cluster.coordinators.map { "\($0.id) (reports \($0.reports), plans \($0.plans))" }
        return "reports every \(DurationText.format(cluster.interval)) to "
            + coordinators.joined(separator: ", ")
            + "; forwarded requests to \(cluster.advertise.map(\.description) ?? "the ZeroMQ ingress")"
            + "; overflow routing \(cluster.routing.rawValue)"
            + "; autonomous after \(DurationText.format(cluster.autonomy)) without a plan; "
            + (cluster.curveSecretKeyFile.map { "CURVE with the secret key in \($0)" } ?? "no CURVE")
    }

    private static func describe(spin: Duration) -> String {
        spin == .zero ? "0" : DurationText.format(spin)
    }

    private static func describe(_ priorityClass: PriorityClass) -> String {
        var parts = [priorityClass.strict ? "strict" : "weight \(priorityClass.weight)"]
        parts.append("timeout \(priorityClass.defaultTimeout.map(DurationText.format) ?? "none")")
        parts.append("max queue \(priorityClass.maxQueue)")
        if priorityClass.sheddable { parts.append("sheddable") }
        return "\(priorityClass.name) (\(parts.joined(separator: ", ")))"
    }
}
