/// Why a task was not completed: the closed set of reasons users see and
/// metrics export. The raw values are exactly what is printed.
public enum RefusalReason: String, CaseIterable, Hashable, Sendable {
    /// Its class's queue was full at submit.
    case queueFull = "queue_full"
    /// Refused at submit: the predicted completion with the cheapest variant
    /// it accepts is past its deadline.
    case wouldMissDeadline = "would_miss_deadline"
    /// Dropped without running, at dispatch or by `expire(now:)`: its
    /// deadline had passed or could no longer be met by any variant it accepts.
    case deadlineExceeded = "deadline_exceeded"
    /// Shed from the queue (or refused) to keep a domain within capacity.
    case overload
    /// No domain has a variant it accepts loaded (or every such variant's
    /// circuit breaker is open).
    case modelUnavailable = "model_unavailable"
    /// The runtime failed while running it.
    case runtimeError = "runtime_error"
    /// Submitted while the scheduler was draining or stopped, or still
    /// queued when it stopped.
    case shuttingDown = "shutting_down"
    /// The caller withdrew it before it ran.
    case cancelled
}

/// Why a task ran on a cheaper variant than its preferred one.
public enum DowngradeReason: String, CaseIterable, Hashable, Sendable {
    /// The preferred variant would have missed the task's deadline.
    case deadline
    /// The domain's queue delay is past its watermark.
    case pressure
    /// The domain is running hot.
    case thermal
    /// The domain's nodes are short of memory.
    case memory
    /// The preferred variant's circuit breaker is open.
    case errors
    /// The preferred variant is not loaded in the domain that ran the task.
    case placement
}

/// The one answer every submitted task gets.
public struct TaskOutcome: Hashable, Sendable {
    /// How the task ended.
    public enum Result: Hashable, Sendable {
        /// Ran to the end on `variant` (a rung of the model's ladder).
        case completed(variant: Int, downgrade: DowngradeReason?)
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
    public var domain: Int?

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
        domain: Int? = nil
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
        domain: Int?
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

/// What ``SchedulingPolicy/submit(_:now:)`` decided.
public struct SubmitDecision: Hashable, Sendable {
    /// The domain whose queue took the task; nil when it was refused.
    public var domain: Int?
    /// The task's outcome when it was refused at once, and the outcomes of
    /// queued tasks shed to make room for it.
    public var outcomes: [TaskOutcome]

    /// A decision from its parts.
    public init(domain: Int?, outcomes: [TaskOutcome]) {
        self.domain = domain
        self.outcomes = outcomes
    }
}

/// What a free worker of a domain should do, from
/// ``SchedulingPolicy/next(domain:now:)``.
public struct DispatchDecision: Hashable, Sendable {
    /// The task to run now, and on which variant; nil: nothing to run.
    public var assignment: Assignment?
    /// Tasks answered instead of run (deadline already out of reach).
    public var outcomes: [TaskOutcome]

    /// A decision from its parts.
    public init(assignment: Assignment?, outcomes: [TaskOutcome]) {
        self.assignment = assignment
        self.outcomes = outcomes
    }
}

/// A task handed to a worker.
public struct Assignment: Hashable, Sendable {
    /// The task to run.
    public var task: TaskID
    /// Its model.
    public var model: ModelID
    /// The rung of the model's ladder to run.
    public var variant: Int
    /// Why it runs on a cheaper rung; nil on the preferred one.
    public var downgrade: DowngradeReason?
    /// The domain whose worker runs it (may differ from where it was queued
    /// when the worker stole it).
    public var domain: Int
    /// Its deadline; nil for none.
    public var deadline: Instant?

    /// An assignment from its parts (policies make them).
    public init(
        task: TaskID, model: ModelID, variant: Int, downgrade: DowngradeReason?, domain: Int, deadline: Instant?
    ) {
        self.task = task
        self.model = model
        self.variant = variant
        self.downgrade = downgrade
        self.domain = domain
        self.deadline = deadline
    }
}
