import Scheduling

/// What a recording measured of its workers: every run, per model, variant
/// and domain, in the order they started, and the gaps between a worker's
/// completion and its next start while that task was already waiting (the
/// dispatch overhead: taking the lock, answering, waking), per domain.
///
/// A replay draws a run's service time from the runs recorded nearest in
/// time to it, not from all of them: on a shared machine the service time
/// drifts with what else runs (another process on the worker's CPU doubles
/// it for seconds at a time), and an estimator fed the drift in its order
/// behaves as the agent's did, where one fed the same times shuffled does not.
struct ServiceSamples: Sendable {
    struct Key: Hashable, Sendable {
        var model: Int
        var variant: Int
        var domain: Int
    }

    /// One recorded run.
    struct Run: Sendable {
        /// When it started, nanoseconds after the first arrival.
        var start: Int64
        var nanoseconds: Int64
        var succeeded: Bool
    }

    /// The recorded runs nearest in time a draw picks from.
    static let neighbourhood = 32

    private(set) var runs: [Key: [Run]] = [:]
    private(set) var dispatchGaps: [Int: [Int64]] = [:]

    /// The runs and dispatch gaps of `records` (in arrival order), on a
    /// clock that starts at `first`.
    init(_ records: [RecordedArrival], first: Instant) {
        var starts: [Int: [(start: Int64, end: Int64, arrival: Int64)]] = [:]
        for record in records {
            guard let variant = record.variant, let domain = record.domain, let queue = record.queueTime,
                let service = record.serviceTime
            else { continue }
            let arrival = (record.arrival - first).nanoseconds
            let start = arrival + queue.nanoseconds
            let key = Key(model: record.model.index, variant: variant.rung, domain: domain.index)
            runs[key, default: []].append(
                Run(start: start, nanoseconds: service.nanoseconds, succeeded: record.refusal != .runtimeError))
            starts[domain.index, default: []].append((start, start + service.nanoseconds, arrival))
        }
        for key in runs.keys {
            runs[key]?.sort { $0.start < $1.start }
        }
        for (domain, domainRuns) in starts {
            let ends = domainRuns.map(\.end).sorted()
            var gaps: [Int64] = []
            for run in domainRuns {
                // The latest completion no later than this start: the worker
                // that took this task, when the task was waiting for it.
                var low = 0
                var high = ends.count
                while low < high {
                    let middle = (low + high) / 2
                    if ends[middle] <= run.start { low = middle + 1 } else { high = middle }
                }
                guard low > 0, run.arrival < ends[low - 1] else { continue }
                gaps.append(run.start - ends[low - 1])
            }
            dispatchGaps[domain] = gaps
        }
    }

    /// The recorded runs of that variant in that domain; empty when none ran there.
    func runs(model: Int, variant: Int, domain: Int) -> [Run] {
        runs[Key(model: model, variant: variant, domain: domain)] ?? []
    }

    /// The median service time of those runs (the scheduler's first
    /// estimate, as a manifest's `service_ms` is the agent's); nil when none ran.
    func median(model: Int, variant: Int, domain: Int) -> Duration? {
        let sorted = runs(model: model, variant: variant, domain: domain).map(\.nanoseconds).sorted()
        guard !sorted.isEmpty else { return nil }
        return .nanoseconds(max(1, sorted[sorted.count / 2]))
    }

    /// One of the ``neighbourhood`` recorded runs of that variant in that
    /// domain that started nearest to `time`, each as likely. The replay
    /// loads a variant only where it ran, so a dispatch always finds some;
    /// a 1 ms successful run stands in otherwise.
    func draw(model: ModelID, variant: VariantID, domain: DomainID, at time: Int64, using random: inout SeededRandom)
        -> Run
    {
        let candidates = runs(model: model.index, variant: variant.rung, domain: domain.index)
        guard !candidates.isEmpty else { return Run(start: time, nanoseconds: 1_000_000, succeeded: true) }
        var low = 0
        var high = candidates.count
        while low < high {
            let middle = (low + high) / 2
            if candidates[middle].start < time { low = middle + 1 } else { high = middle }
        }
        let first = max(0, min(low - Self.neighbourhood / 2, candidates.count - Self.neighbourhood))
        let last = min(candidates.count, first + Self.neighbourhood)
        return candidates[Int.random(in: first..<last, using: &random)]
    }

    /// A recorded dispatch gap of `domain`, nanoseconds; 0 when none was recorded.
    func drawDispatchGap(domain: Int, using random: inout SeededRandom) -> Int64 {
        guard let gaps = dispatchGaps[domain], !gaps.isEmpty else { return 0 }
        return gaps[Int.random(in: 0..<gaps.count, using: &random)]
    }
}
