import DequeModule

/// The schedulers a user would otherwise have, for comparison in the
/// simulator: no deadlines, no admission control, no downgrades; every task
/// runs on its preferred variant (or the first loaded in the worker's domain)
/// whenever a worker is free, however late.
public struct BaselinePolicy: SchedulingPolicy, Sendable {
    /// How the one node-wide queue is ordered.
    public enum Discipline: String, CaseIterable, Hashable, Sendable {
        /// One first-in, first-out queue for every class.
        case fifo
        /// A FIFO queue per class; strict classes first, then by weight, highest first.
        case priority
    }

    private struct Entry: Sendable {
        var request: TaskRequest
        var arrival: Instant
        var deadline: Instant?
    }

    private struct Running: Sendable {
        var entry: Entry
        var rung: Int
        var domain: Int
        var started: Instant
    }

    /// The node it schedules for.
    public let configuration: SchedulerConfiguration
    /// FIFO or strict priority.
    public let discipline: Discipline
    /// Counts and distributions of every task seen.
    public private(set) var statistics: SchedulerStatistics
    private var queues: [Deque<Entry>]
    /// Queue indices in the order workers serve them.
    private let order: [Int]
    private var running: [TaskID: Running] = [:]
    /// Running, draining or stopped; see ``SchedulerLifecycle``.
    public private(set) var lifecycle = SchedulerLifecycle.running

    /// A baseline for a valid configuration.
    public init(configuration: SchedulerConfiguration, discipline: Discipline) throws(SchedulingError) {
        try configuration.validate()
        self.configuration = configuration
        self.discipline = discipline
        statistics = SchedulerStatistics(
            classCount: configuration.classes.count, modelCount: configuration.models.count)
        switch discipline {
        case .fifo:
            queues = [[]]
            order = [0]
        case .priority:
            queues = Array(repeating: [], count: configuration.classes.count)
            order = configuration.classes.indices.sorted { lhs, rhs in
                let left = configuration.classes[lhs]
                let right = configuration.classes[rhs]
                return (left.strict ? 0 : 1, -left.weight, lhs) < (right.strict ? 0 : 1, -right.weight, rhs)
            }
        }
    }

    private func queueIndex(_ request: TaskRequest) -> Int {
        discipline == .fifo ? 0 : request.priorityClass.index
    }

    /// Queues every task (no admission control) while running; throws for
    /// a request naming what the configuration does not have.
    public mutating func submit(_ request: TaskRequest, now: Instant) throws(SchedulingError) -> SubmitDecision {
        try configuration.check(request)
        statistics.recordArrival(request)
        let timeout = request.timeout ?? configuration.classes[request.priorityClass.index].defaultTimeout
        let entry = Entry(request: request, arrival: now, deadline: timeout.map { now + $0 })
        guard lifecycle.admitsTasks else {
            return SubmitDecision(domain: nil, outcomes: [finish(entry, .refused(.shuttingDown), now: now)])
        }
        queues[queueIndex(request)].append(entry)
        statistics.recordAdmission(request)
        return SubmitDecision(domain: 0, outcomes: [])
    }

    /// The head of the first non-empty queue, on the first rung loaded in `domain`.
    public mutating func next(domain id: DomainID, now: Instant) throws(SchedulingError) -> DispatchDecision {
        let domain = id.index
        try configuration.check(domain: domain)
        var outcomes: [TaskOutcome] = []
        for queue in order {
            while let entry = queues[queue].popFirst() {
                let model = configuration.models[entry.request.model.index]
                guard let rung = model.variants.indices.first(where: { model.variants[$0].serviceTime[id] != nil })
                else {
                    outcomes.append(finish(entry, .refused(.modelUnavailable), now: now))
                    continue
                }
                running[entry.request.id] = Running(entry: entry, rung: rung, domain: domain, started: now)
                let downgrade: DowngradeReason? = rung == 0 ? nil : .placement
                let assignment = Assignment(
                    task: entry.request.id,
                    model: entry.request.model,
                    variant: VariantID(rung),
                    downgrade: downgrade,
                    domain: id,
                    deadline: entry.deadline
                )
                return DispatchDecision(assignment: assignment, outcomes: outcomes)
            }
        }
        return DispatchDecision(assignment: nil, outcomes: outcomes)
    }

    /// Answers a running task, late or not.
    public mutating func complete(_ task: TaskID, now: Instant, succeeded: Bool) -> TaskOutcome {
        guard let run = running.removeValue(forKey: task) else {
            preconditionFailure("\(task) completed but it is not running")
        }
        let result: TaskOutcome.Result =
            succeeded
            ? .completed(variant: VariantID(run.rung), downgrade: run.rung == 0 ? nil : .placement)
            : .refused(.runtimeError)
        return finish(run.entry, result, now: now, started: run.started, domain: run.domain)
    }

    /// Withdraws a queued task (`cancelled`).
    public mutating func cancel(_ task: TaskID, now: Instant) -> TaskOutcome? {
        for queue in queues.indices {
            if let position = queues[queue].firstIndex(where: { $0.request.id == task }) {
                let entry = queues[queue].remove(at: position)
                return finish(entry, .refused(.cancelled), now: now)
            }
        }
        return nil
    }

    /// Nothing queued and nothing running.
    public var isIdle: Bool { running.isEmpty && queues.allSatisfy(\.isEmpty) }

    /// Tasks queued, all classes.
    public var queuedCount: Int { queues.reduce(0) { $0 + $1.count } }

    /// Refuses new tasks from now on; queued ones are still dispatched.
    public mutating func beginDraining() {
        lifecycle.beginDraining()
    }

    /// Answers every queued task `shutting_down` and refuses new ones.
    public mutating func stop(now: Instant) -> [TaskOutcome] {
        lifecycle.stop()
        var outcomes: [TaskOutcome] = []
        for queue in queues.indices {
            while let entry = queues[queue].popFirst() {
                outcomes.append(finish(entry, .refused(.shuttingDown), now: now))
            }
        }
        return outcomes
    }

    private mutating func finish(
        _ entry: Entry,
        _ result: TaskOutcome.Result,
        now: Instant,
        started: Instant? = nil,
        domain: Int? = nil
    ) -> TaskOutcome {
        let outcome = TaskOutcome(
            entry.request, result, arrival: entry.arrival, deadline: entry.deadline, finished: now, started: started,
            domain: domain.map { DomainID($0) })
        statistics.record(outcome)
        return outcome
    }
}
