/// One execution domain's queues, running tasks and downgrade signals.
struct DomainState: Sendable {
    let workers: Int
    var queues: [ClassQueue]
    /// Queued tasks by the variant they are charged at, `[model][rung][class]`:
    /// when a variant's estimate moves, so does the work queued at it.
    var queuedByVariant: [[[Int]]]
    /// Start-time fair queuing's virtual time: the start tag of the last
    /// dispatched task.
    var virtualTime = 0.0
    /// The running tasks and their expected ends, for predictions (at most
    /// one per worker, so a list).
    var running: [RunningTask] = []
    /// Work admitted lately, per class: tasks that arrive while a task waits
    /// may still go first (strict ones) or take their share (weighted ones).
    var admittedWork: [RateWindow]
    /// The mean square of each strict task's service admitted lately, summed
    /// (strict classes only): how much the strict work arriving during a
    /// wait may vary.
    var admittedSquareWork: [RateWindow]
    /// Work offered lately if every task ran on rung r (`[r]`), for
    /// deciding whether stepping back up the ladder would overload.
    var demandAtRung: [RateWindow]
    var pressure: Hysteresis
    /// 1 while the domain is past capacity: sheddable classes are shed.
    var overload: Hysteresis
    var thermal: Hysteresis
    var memory: Hysteresis
    /// `[model][rung]`.
    var breakers: [[CircuitBreaker]]
    /// How much longer than predicted admitted tasks take here.
    var lateness = LatenessFeedback()

    /// An idle domain; its signals hold as `configuration` says.
    init(workers: Int, classCount: Int, rungsPerModel: [Int], configuration: SchedulerConfiguration) {
        self.workers = workers
        pressure = Hysteresis(configuration.downgrade.pressure)
        overload = Hysteresis(configuration.overload)
        thermal = Hysteresis(configuration.downgrade.thermal)
        // Less free memory is worse: the signal is fed negated, so that
        // falling under `low` MiB is crossing over the high mark.
        let memoryMarks = configuration.downgrade.memory
        memory = Hysteresis(Watermarks(high: -memoryMarks.low, low: -memoryMarks.high, hold: memoryMarks.hold))
        queues = Array(repeating: ClassQueue(), count: classCount)
        queuedByVariant = rungsPerModel.map { Array(repeating: Array(repeating: 0, count: classCount), count: $0) }
        admittedWork = Array(repeating: RateWindow(), count: classCount)
        admittedSquareWork = Array(repeating: RateWindow(), count: classCount)
        demandAtRung = Array(repeating: RateWindow(), count: rungsPerModel.max() ?? 1)
        breakers = rungsPerModel.map { Array(repeating: CircuitBreaker(), count: $0) }
    }
}
