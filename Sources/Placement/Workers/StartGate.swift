/// What started workers report before the pool lets them run.
struct StartGate: Sendable {
    enum Verdict: Sendable {
        case go
        case abort
    }

    struct Report: Sendable {
        var context: WorkerContext
        var failure: PlacementError?
    }

    var reports: [Report?]
    var verdict: Verdict?
}
