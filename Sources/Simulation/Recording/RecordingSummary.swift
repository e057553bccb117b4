public import Scheduling

/// What `edgesched record inspect` prints about one recording: its span,
/// its requests by model and class, their outcomes, the variants that
/// served them, and queue and service time percentiles.
public struct RecordingSummary: Sendable {
    /// Requests of one model in one class.
    public struct Group: Sendable {
        /// The model's name.
        public var model: String
        /// The class's name.
        public var priorityClass: String
        /// Records of this model and class.
        public var requests = 0
        /// Those served.
        public var served = 0
        /// Served no later than their deadline (or they had none).
        public var onTime = 0
        /// Refusals by reason (the agent's reason names).
        public var refused: [RefusalReason: Int] = [:]
        /// Queue times of those that ran.
        public var queueTime = LatencyHistogram()
    }

    /// Runs of one variant of a model.
    public struct VariantUse: Sendable {
        /// The model's name.
        public var model: String
        /// The variant's name.
        public var variant: String
        /// Runs on it (a failed run included).
        public var runs = 0
        /// Runs on this rung that were downgrades, by reason.
        public var downgrades: [DowngradeReason: Int] = [:]
        /// Service times of its runs.
        public var serviceTime = LatencyHistogram()
    }

    /// The file summarised.
    public var path: String
    /// The header: start times and name tables.
    public var header: RecordingHeader
    /// Records of requests.
    public var requests: Int
    /// Records the agent dropped (its writer fell behind), from gap records.
    public var dropped: Int
    /// From the header's start to the first arrival; nil: no records.
    public var firstArrival: Duration?
    /// From the header's start to the last arrival; nil: no records.
    public var lastArrival: Duration?
    /// Requests served.
    public var served: Int
    /// Refusals by reason.
    public var refused: [RefusalReason: Int]
    /// Requests by ingress name.
    public var ingresses: [String: Int]
    /// Per model and class, in the header's model then class order; only groups with requests.
    public var groups: [Group]
    /// Per model and variant that ran, in the header's order.
    public var variants: [VariantUse]
    /// Queue times of every request that ran.
    public var queueTime: LatencyHistogram
    /// Service times of every run.
    public var serviceTime: LatencyHistogram

    /// The summary of `recording`, read from `path`.
    public init(_ recording: ArrivalRecording, path: String) {
        let header = recording.header
        self.path = path
        self.header = header
        requests = recording.arrivals.count
        dropped = recording.dropped
        let start = header.monotonicStart
        firstArrival = recording.arrivals.map(\.arrival).min().map { $0 - start }
        lastArrival = recording.arrivals.map(\.arrival).max().map { $0 - start }
        let classCount = header.classes.count
        var groups = header.models.flatMap { model in
            header.classes.map { Group(model: model.name, priorityClass: $0) }
        }
        var variantOffsets: [Int] = []
        var variants: [VariantUse] = []
        for model in header.models {
            variantOffsets.append(variants.count)
            variants += model.variants.map { VariantUse(model: model.name, variant: $0) }
        }
        var served = 0
        var refused: [RefusalReason: Int] = [:]
        var ingresses: [String: Int] = [:]
        var queueTime = LatencyHistogram()
        var serviceTime = LatencyHistogram()
        for arrival in recording.arrivals {
            let index = arrival.model.index * classCount + arrival.priorityClass.index
            groups[index].requests += 1
            ingresses[header.ingresses[arrival.ingress], default: 0] += 1
            if let reason = arrival.refusal {
                groups[index].refused[reason, default: 0] += 1
                refused[reason, default: 0] += 1
            } else {
                served += 1
                groups[index].served += 1
                if arrival.deadline.map({ arrival.answeredAfter <= $0 }) ?? true { groups[index].onTime += 1 }
            }
            if let queue = arrival.queueTime {
                groups[index].queueTime.record(queue)
                queueTime.record(queue)
            }
            if let variant = arrival.variant, let service = arrival.serviceTime {
                let use = variantOffsets[arrival.model.index] + variant.rung
                variants[use].runs += 1
                variants[use].serviceTime.record(service)
                if let reason = arrival.downgrade { variants[use].downgrades[reason, default: 0] += 1 }
                serviceTime.record(service)
            }
        }
        self.groups = groups.filter { $0.requests > 0 }
        self.variants = variants.filter { $0.runs > 0 }
        self.served = served
        self.refused = refused
        self.ingresses = ingresses
        self.queueTime = queueTime
        self.serviceTime = serviceTime
    }
}
