import DequeModule
import Inference
import Placement
import Scheduling

/// Everything behind the bridge's one lock: the scheduler, the requests
/// waiting for answers, the loaded variants, and which workers are idle.
struct BridgeState: Sendable {
    /// The scheduler (edgesched's or the `queue-timeout` baseline); its
    /// lifecycle says whether new tasks are admitted.
    var scheduler: any SchedulingPolicy
    /// Set when the pool stops: workers leave once nothing is queued.
    var isClosed = false
    /// Admitted tasks not yet answered, by task.
    var pending: [TaskID: PendingTask] = [:]
    /// Tasks whose caller gave up before they reached the scheduler.
    var cancelledBeforeSubmit: Set<TaskID> = []
    /// The highest task submitted so far: a cancel of a task at or below it
    /// that is not pending came after its answer (or, submitted out of order,
    /// just before it), and is dropped rather than remembered forever.
    var highestSubmitted = TaskID(0)
    /// Loaded variants: `[model][rung][domain]`.
    var variants: [[[VariantInstance?]]]
    /// Workers of each domain waiting for work.
    var idleWorkers: [Int]
    /// Jobs that must run on a worker of a domain (loading a session), ahead of inference.
    var controlJobs: [Deque<WorkerJob>]
    /// Whether the deadline timer watches the queue: set when a task may
    /// wait behind busy workers, cleared when the timer finds none queued.
    /// A task an idle worker is woken for needs no timer, so a lightly
    /// loaded agent does not wake it for every request.
    var timerWatches = false
    /// The sensors' last readings, by domain, for the cluster's capacity vector.
    var readings: [DomainReading]

    init(scheduler: any SchedulingPolicy, models: [ModelManifest], domainCount: Int) {
        self.scheduler = scheduler
        variants = models.map { model in model.variants.map { _ in Array(repeating: nil, count: domainCount) } }
        idleWorkers = Array(repeating: 0, count: domainCount)
        controlJobs = Array(repeating: [], count: domainCount)
        readings = (0..<domainCount).map { DomainReading(domain: $0) }
    }

    /// The domain whose worker to wake for a task queued in `domain` of
    /// `model`: that domain when one of its workers is idle, else one with an
    /// idle worker and the model loaded, which could steal it, else none (a
    /// busy worker takes it next).
    func domainToWake(forTaskQueuedIn domain: Int, model: ModelID) -> Int? {
        if idleWorkers[domain] > 0 { return domain }
        return idleWorkers.indices.first { other in
            idleWorkers[other] > 0 && variants[model.index].contains { $0[other] != nil }
        }
    }
}
