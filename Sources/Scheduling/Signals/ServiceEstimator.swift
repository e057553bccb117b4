/// Estimated service time of every (model, variant, domain) where the
/// variant is loaded: the manifest's figure first, then an exponentially
/// weighted moving average of measured completions, with the moving
/// variance beside it so that deadline checks can leave a margin.
struct ServiceEstimator: Hashable, Sendable {
    /// Nanoseconds, `[model][rung][domain]`; nil where not loaded.
    private var estimates: [[[Double?]]]
    /// Squared nanoseconds, same layout.
    private var variances: [[[Double]]]
    private let weight: Double

    init(models: [ModelProfile], domainCount: Int, weight: Double) {
        estimates = models.map { model in
            model.variants.map { variant in
                (0..<domainCount).map { domain in variant.serviceTime[DomainID(domain)].map { Double($0.nanoseconds) } }
            }
        }
        variances = estimates.map { $0.map { Array(repeating: 0, count: $0.count) } }
        self.weight = weight
    }

    /// The estimate plus two standard deviations: what a deadline check
    /// assumes, so that a task started just in time rarely finishes late.
    func cautiousEstimate(model: Int, rung: Int, domain: Int) -> Double? {
        estimates[model][rung][domain].map { $0 + 2 * variances[model][rung][domain].squareRoot() }
    }

    /// The estimate in nanoseconds, or nil if the variant is not loaded there.
    func estimate(model: Int, rung: Int, domain: Int) -> Double? {
        estimates[model][rung][domain]
    }

    /// The moving variance in square nanoseconds, or nil if the variant is not loaded there.
    func variance(model: Int, rung: Int, domain: Int) -> Double? {
        estimates[model][rung][domain].map { _ in variances[model][rung][domain] }
    }

    func isLoaded(model: Int, rung: Int, domain: Int) -> Bool {
        estimates[model][rung][domain] != nil
    }

    func hasModel(_ model: Int) -> Bool {
        estimates.indices.contains(model)
    }

    func rungCount(model: Int) -> Int {
        estimates[model].count
    }

    /// Learns from one completion that took `measured` nanoseconds.
    mutating func record(model: Int, rung: Int, domain: Int, measured: Int64) {
        guard let old = estimates[model][rung][domain] else { return }
        let deviation = Double(measured) - old
        estimates[model][rung][domain] = old + weight * deviation
        let variance = variances[model][rung][domain]
        variances[model][rung][domain] = (1 - weight) * (variance + weight * deviation * deviation)
    }

    /// Loads or unloads a variant in a domain at run time.
    mutating func setLoaded(model: Int, rung: Int, domain: Int, estimate: Duration?) {
        estimates[model][rung][domain] = estimate.map { Double($0.nanoseconds) }
        variances[model][rung][domain] = 0
    }
}
