import Foundation

/// What loading and running one variant on this machine showed.
public struct VariantCheck: Sendable {
    /// The model checked.
    public var model: String
    /// The variant checked.
    public var variant: String
    /// The runtime that ran it.
    public var runtime: RuntimeKind
    /// Time to load (create the session, or calibrate the synthetic work).
    public var loadTime: Duration?
    /// Median of warm single inferences on random inputs.
    public var serviceTime: Duration?
    /// Growth of the process's resident memory while loading and running it.
    public var residentBytes: Int?
    /// Why it failed, if it did.
    public var error: InferenceError?
}

/// `edgesched models check`: loads every variant of a catalog once and runs
/// it, so that an operator sees what will serve before the agent starts.
public enum ModelCheck {
    /// Loads each variant on the calling thread, runs up to `runs` warm
    /// inferences on seeded random inputs (fewer once they have taken
    /// `budget`, at least one), and unloads it. `progress` is told which
    /// variant starts (`classifier/fp32 (1 of 6)`), so a long check shows
    /// where it is.
    public static func run(
        _ catalog: ModelCatalog, runtimes: Runtimes, runs: Int = 20, budget: Duration = .seconds(10),
        progress: (String) -> Void = { _ in }
    ) -> [VariantCheck] {
        var checks: [VariantCheck] = []
        let total = catalog.models.reduce(0) { $0 + $1.variants.count }
        let budgetNanoseconds =
            budget.components.seconds * 1_000_000_000 + budget.components.attoseconds / 1_000_000_000
        for model in catalog.models {
            for variant in model.variants {
                progress("\(model.name)/\(variant.name) (\(checks.count + 1) of \(total))")
                var check = VariantCheck(model: model.name, variant: variant.name, runtime: variant.runtime)
                let residentBefore = residentBytes()
                let start = MonotonicClock.nanoseconds()
                do {
                    let loaded = try runtimes.load(variant, of: model)
                    check.loadTime = .nanoseconds(MonotonicClock.nanoseconds() - start)
                    let inputs = try model.randomInputs(seed: 1)
                    try model.check(inputs)
                    _ = try loaded.run(inputs)
                    var times: [Int64] = []
                    let warmStart = MonotonicClock.nanoseconds()
                    while times.count < max(1, runs)
                        && (times.isEmpty || MonotonicClock.nanoseconds() - warmStart < budgetNanoseconds)
                    {
                        let runStart = MonotonicClock.nanoseconds()
                        _ = try loaded.run(inputs)
                        times.append(MonotonicClock.nanoseconds() - runStart)
                    }
                    check.serviceTime = .nanoseconds(times.sorted()[times.count / 2])
                    check.residentBytes = max(0, residentBytes() - residentBefore)
                } catch {
                    check.error = error
                }
                checks.append(check)
            }
        }
        return checks
    }

    /// The process's resident memory (`/proc/self/statm`), bytes.
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
