import Cluster
import Inference
import Scheduling

/// Turns the bridge's counts since start into the rates of one reporting
/// interval, the demand and capacity vectors an agent sends its
/// coordinators: each call differences a snapshot against the one before.
struct VectorSampler {
    private let models: [ModelManifest]
    private let classes: [PriorityClass]
    private let workersPerDomain: [Int]
    private var previous: ClusterSnapshot

    /// A sampler whose first interval starts at `start`.
    init(models: [ModelManifest], classes: [PriorityClass], workersPerDomain: [Int], start: ClusterSnapshot) {
        self.models = models
        self.classes = classes
        self.workersPerDomain = workersPerDomain
        previous = start
    }

    /// The vectors of the interval from the previous snapshot to `snapshot`.
    mutating func vectors(at snapshot: ClusterSnapshot) -> (demand: DemandVector, capacity: CapacityVector) {
        defer { previous = snapshot }
        let seconds = max((snapshot.taken - previous.taken).seconds, 1e-3)
        let utilisation = workersPerDomain.indices.map { domain in
            let busy = (snapshot.workerTime[domain] - previous.workerTime[domain]).seconds
            return min(1, max(0, busy / (seconds * Double(max(1, workersPerDomain[domain])))))
        }
        let demand = DemandVector(
            models: models.indices.map { modelDemand(model: $0, in: snapshot, over: seconds) })
        let capacity = CapacityVector(
            domains: workersPerDomain.indices.map {
                domainCapacity(domain: $0, utilisation: utilisation[$0], in: snapshot)
            })
        return (demand, capacity)
    }

    private func modelDemand(model: Int, in snapshot: ClusterSnapshot, over seconds: Double) -> ModelDemand {
        let counts = snapshot.demand[model]
        let before = previous.demand[model]
        let rate = { (now: Int, then: Int) in Double(max(0, now - then)) / seconds }
        let rungs = snapshot.estimates[model]
        return ModelDemand(
            model: models[model].name,
            classes: classes.indices.map { index in
                ClassDemand(
                    className: classes[index].name,
                    arrivalsPerSecond: rate(counts[index].offered, before[index].offered),
                    onTimePerSecond: rate(counts[index].onTime, before[index].onTime),
                    refusedPerSecond: rate(counts[index].refused, before[index].refused),
                    shedPerSecond: rate(counts[index].shed, before[index].shed))
            },
            queueDepth: counts.reduce(0) { $0 + max(0, $1.offered - $1.answered) },
            variants: rungs.indices.compactMap { rung in
                let loaded = rungs[rung].compactMap { $0 }
                guard !loaded.isEmpty else { return nil }
                let mean = loaded.reduce(0) { $0 + $1.seconds } / Double(loaded.count)
                return VariantEstimate(variant: models[model].variants[rung].name, serviceMilliseconds: mean * 1e3)
            },
            variantInUse: models[model].variants[deepestRungInUse(model: model, in: snapshot)].name)
    }

    /// The rung a domain's level sends the model's unconstrained requests
    /// to: the level's rung if loaded there, else the nearest loaded one
    /// (cheaper first); nil when the domain has none loaded.
    private func rungInUse(model: Int, domain: Int, in snapshot: ClusterSnapshot) -> Int? {
        let rungs = snapshot.estimates[model]
        let wanted = min(snapshot.levels[domain], rungs.count - 1)
        let cheaper = (wanted..<rungs.count).first { rungs[$0][domain] != nil }
        return cheaper ?? (0..<wanted).last { rungs[$0][domain] != nil }
    }

    /// The deepest rung any domain serves the model on now: what the node
    /// has stepped down to at worst (rung 0 where nothing is loaded).
    private func deepestRungInUse(model: Int, in snapshot: ClusterSnapshot) -> Int {
        workersPerDomain.indices.compactMap { rungInUse(model: model, domain: $0, in: snapshot) }.max() ?? 0
    }

    private func domainCapacity(domain: Int, utilisation: Double, in snapshot: ClusterSnapshot) -> DomainCapacity {
        let workers = workersPerDomain[domain]
        let reading = snapshot.readings[domain]
        // Worker-seconds per second the domain has left below the target
        // utilisation that pressure also aims at.
        let headroom = max(0, Scheduler.targetUtilisation - utilisation) * Double(workers)
        var loaded: [ModelVariant] = []
        var spare: [ModelSpare] = []
        for model in models.indices {
            let rungs = snapshot.estimates[model]
            for rung in rungs.indices where rungs[rung][domain] != nil {
                loaded.append(ModelVariant(model: models[model].name, variant: models[model].variants[rung].name))
            }
            if let rung = rungInUse(model: model, domain: domain, in: snapshot), let estimate = rungs[rung][domain],
                estimate > .zero
            {
                spare.append(ModelSpare(model: models[model].name, requestsPerSecond: headroom / estimate.seconds))
            }
        }
        return DomainCapacity(
            domain: DomainID(domain), workers: workers, utilisation: utilisation,
            freeMemoryBytes: reading.freeMebibytes.flatMap { UInt64(exactly: ($0 * 1_048_576).rounded(.down)) },
            temperatureCelsius: reading.celsius, loadedVariants: loaded, spare: spare)
    }
}
