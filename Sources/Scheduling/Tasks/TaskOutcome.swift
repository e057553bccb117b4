/// The one answer every submitted task gets.
public struct TaskOutcome: Hashable, Sendable {
    /// How the task ended.
    public enum Result: Hashable, Sendable {
        /// Ran to the end on `variant` (a rung of the model's ladder).
        case completed(variant: VariantID, downgrade: DowngradeReason?)
        case refused(RefusalReason)
    }

    /// The task answered.
    public var task: TaskID
    /// Its model.
    public var model: ModelID
    /// Its class.
    public var priorityClass: ClassID
    /// Completed, or refused with a reason.
    public var result: Result
    /// When it was submitted.
    public var arrival: Instant
    /// Its deadline; nil for none.
    public var deadline: Instant?
    /// When the answer was decided.
    public var finished: Instant
    /// When it started running, if it ran (also for `runtime_error`).
    public var started: Instant?
    /// The domain that ran it, if one did.
    public var domain: DomainID?

    /// An outcome from its parts (policies make them).
    public init(
        task: TaskID,
        model: ModelID,
        priorityClass: ClassID,
        result: Result,
        arrival: Instant,
        deadline: Instant?,
        finished: Instant,
        started: Instant? = nil,
        domain: DomainID? = nil
    ) {
        self.task = task
        self.model = model
        self.priorityClass = priorityClass
        self.result = result
        self.arrival = arrival
        self.deadline = deadline
        self.finished = finished
        self.started = started
        self.domain = domain
    }

    /// The outcome of `request`, decided `finished`.
    init(
        _ request: TaskRequest,
        _ result: Result,
        arrival: Instant,
        deadline: Instant?,
        finished: Instant,
        started: Instant?,
        domain: DomainID?
    ) {
        self.init(
            task: request.id,
            model: request.model,
            priorityClass: request.priorityClass,
            result: result,
            arrival: arrival,
            deadline: deadline,
            finished: finished,
            started: started,
            domain: domain
        )
    }

    /// Completed no later than its deadline (or it had none).
    public var metDeadline: Bool {
        guard case .completed = result else { return false }
        return deadline.map { finished <= $0 } ?? true
    }

    /// Worker time spent on it (running, also when it failed).
    public var workerTime: Duration {
        started.map { finished - $0 } ?? .zero
    }
}
