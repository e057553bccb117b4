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
