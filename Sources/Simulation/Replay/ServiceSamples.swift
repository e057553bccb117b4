import Scheduling

/// The runs a recording measured, per model, variant and domain: the
/// empirical distribution a replay draws each run's service time (and
/// whether it failed) from.
struct ServiceSamples: Sendable {
    struct Key: Hashable, Sendable {
        var model: Int
        var variant: Int
        var domain: Int
    }

    /// One recorded run.
    struct Run: Sendable {
        var nanoseconds: Int64
        var succeeded: Bool
    }

    private(set) var runs: [Key: [Run]] = [:]

    mutating func add(_ run: Run, model: ModelID, variant: VariantID, domain: DomainID) {
        runs[Key(model: model.index, variant: variant.rung, domain: domain.index), default: []].append(run)
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

    /// One of the recorded runs of that variant in that domain, each as
    /// likely. The replay loads a variant only where it ran, so a dispatch
    /// always finds some; a 1 ms successful run stands in otherwise.
    func draw(model: ModelID, variant: VariantID, domain: DomainID, using random: inout SeededRandom) -> Run {
        let candidates = runs(model: model.index, variant: variant.rung, domain: domain.index)
        guard !candidates.isEmpty else { return Run(nanoseconds: 1_000_000, succeeded: true) }
        return candidates[Int.random(in: 0..<candidates.count, using: &random)]
    }
}
