import HeapModule

/// A queued task's place in its class queue: earliest deadline first, then
/// first come first served.
struct QueueEntry: Comparable, Sendable {
    var deadline: Int64
    var sequence: UInt64
    var task: TaskID

    static func < (lhs: QueueEntry, rhs: QueueEntry) -> Bool {
        (lhs.deadline, lhs.sequence) < (rhs.deadline, rhs.sequence)
    }
}

/// The queued tasks of one class in one domain, with its start-time fair
/// queuing tags. Entries of tasks that left the queue another way
/// (cancelled, shed, stolen) stay in the heap until they reach its top and
/// are skipped there; `count` and `work` count live tasks only.
struct ClassQueue: Sendable {
    var heap = Heap<QueueEntry>()
    var count = 0
    /// Estimated service of the live tasks, nanoseconds.
    var work = 0.0
    /// Virtual start tag of the class's next task.
    var startTag = 0.0
    /// Virtual finish tag of the class's last dispatched task.
    var finishTag = 0.0
}

/// One execution domain's queues, running tasks and downgrade signals.
struct DomainState: Sendable {
    let workers: Int
    var queues: [ClassQueue]
    /// Start-time fair queuing's virtual time: the start tag of the last
    /// dispatched task.
    var virtualTime = 0.0
    /// Expected end (nanoseconds) of each running task, for predictions.
    var running: [TaskID: Int64] = [:]
    /// Work admitted lately, per class: tasks that arrive while a task waits
    /// may still go first (strict ones) or take their share (weighted ones).
    var admittedWork: [RateWindow]
    /// Work offered lately if every task ran on rung r (`[r]`), for
    /// deciding whether stepping back up the ladder would overload.
    var demandAtRung: [RateWindow]
    var pressure = Hysteresis()
    /// 1 while the domain is past capacity: sheddable classes are shed.
    var overload = Hysteresis()
    var thermal = Hysteresis()
    var memory = Hysteresis()
    /// `[model][rung]`.
    var breakers: [[CircuitBreaker]]

    init(workers: Int, classCount: Int, rungsPerModel: [Int]) {
        self.workers = workers
        queues = Array(repeating: ClassQueue(), count: classCount)
        admittedWork = Array(repeating: RateWindow(), count: classCount)
        demandAtRung = Array(repeating: RateWindow(), count: rungsPerModel.max() ?? 1)
        breakers = rungsPerModel.map { Array(repeating: CircuitBreaker(), count: $0) }
    }

    var queuedCount: Int { queues.reduce(0) { $0 + $1.count } }
    var queuedWork: Double { queues.reduce(0) { $0 + $1.work } }

    /// Estimated work still to do on the running tasks, nanoseconds.
    func runningRemaining(now: Instant) -> Double {
        running.values.reduce(0) { $0 + Double(max(0, $1 - now.nanoseconds)) }
    }
}

/// An amount per unit of time over the last second: the current second's
/// total blended with the previous one's.
struct RateWindow: Sendable {
    private static let window: Int64 = 1_000_000_000
    private var start: Int64 = 0
    private var current = 0.0
    private var previous = 0.0

    mutating func add(_ amount: Double, now: Instant) {
        let elapsed = now.nanoseconds - start
        if elapsed >= 2 * Self.window {
            previous = 0
            current = 0
            start = now.nanoseconds - elapsed % Self.window
        } else if elapsed >= Self.window {
            previous = current
            current = 0
            start += Self.window
        }
        current += amount
    }

    /// The amount per nanosecond around `now`.
    func rate(now: Instant) -> Double {
        let elapsed = now.nanoseconds - start
        let (earlier, later, into): (Double, Double, Int64) =
            elapsed >= 2 * Self.window
            ? (0, 0, 0)
            : elapsed >= Self.window
                ? (current, 0, elapsed - Self.window)
                : (previous, current, elapsed)
        let fraction = Double(into) / Double(Self.window)
        return (earlier * (1 - fraction) + later) / Double(Self.window)
    }
}
