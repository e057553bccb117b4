import DequeModule
public import Inference
public import Placement
public import Scheduling
import Synchronization

/// The one crossing between async request handlers and the pinned workers
/// (STYLE.md: two worlds, one bridge).
///
/// A handler calls ``infer(_:)``: the request goes to the scheduler under the
/// bridge's lock and the handler suspends on a checked continuation. Whoever
/// decides the task's outcome resumes it, exactly once: the worker that ran
/// it, or the submit, dispatch, cancel or drain that refused it (a task shed
/// by another task's submit included). Workers pull from the bridge as the
/// pool's ``WorkSource``; a submit wakes one idle worker of the domain the
/// task was queued in, or else one of a domain that could steal it.
///
/// An ingress with a thread of its own (ZeroMQ) calls ``submit(_:)`` instead,
/// with a batch of requests and a function per request that gets its answer.
///
/// Answers are delivered after the lock is released, and runs happen
/// outside it: the lock covers scheduler decisions only.
public final class InferenceBridge: WorkSource {
    private let lock: ConditionLock<BridgeState>
    private let models: [ModelManifest]
    /// Counts every outcome, outside the lock; nil in tests that need none.
    private let metrics: AgentMetrics?
    /// Records every answer, outside the lock; nil: recording is off.
    private let recorder: ArrivalRecorder?
    /// Wakes the deadline timer when a task may wait behind busy workers.
    private let timerWake: AsyncStream<Void>.Continuation
    /// What the deadline timer waits on while nothing is queued.
    let timerWakes: AsyncStream<Void>
    /// Task ids are handed out before the lock is taken, so a cancel can name its task.
    private let nextTaskID = Atomic<UInt64>(1)
    /// The cluster's name for this node, which every answer names; empty outside a cluster.
    private let node: String

    /// A bridge in front of `scheduler` for `models` (indexed by ``ModelID``)
    /// over `domainCount` execution domains.
    /// Idle workers spin for `spin` before they park (see ``ConditionLock``).
    public convenience init(
        scheduler: any SchedulingPolicy, models: [ModelManifest], domainCount: Int, spin: Duration = .zero,
        metrics: AgentMetrics? = nil
    ) {
        self.init(
            scheduler: scheduler, models: models, domainCount: domainCount, spin: spin, metrics: metrics,
            recorder: nil, node: "")
    }

    /// A bridge that also hands every answer to `recorder`, and names `node` in each.
    init(
        scheduler: any SchedulingPolicy, models: [ModelManifest], domainCount: Int, spin: Duration,
        metrics: AgentMetrics?, recorder: ArrivalRecorder?, node: String
    ) {
        self.node = node
        self.models = models
        self.metrics = metrics
        self.recorder = recorder
        (timerWakes, timerWake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        lock = ConditionLock(
            BridgeState(scheduler: scheduler, models: models, domainCount: domainCount), conditions: domainCount,
            spin: spin)
    }

    // MARK: Requests

    /// Schedules `request` and waits for its one answer. Cancelling the
    /// calling task withdraws the request if it has not started (`cancelled`).
    public func infer(_ request: InferenceTask) async -> InferenceReply {
        let task = newTaskID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                submit(CollectionOfOne((task, request, .continuation(continuation))))
            }
        } onCancel: {
            cancel(task)
        }
    }

    /// Schedules every request under one lock, with one wake-up decision per
    /// request and one deadline-timer wake at most; each answer is passed to
    /// its function once, on the thread that decides it (possibly this one,
    /// for a refusal at submit).
    public func submit(_ requests: [(InferenceTask, @Sendable (InferenceReply) -> Void)]) {
        submit(requests.lazy.map { (self.newTaskID(), $0.0, ReplyTarget.callback($0.1)) })
    }

    private func newTaskID() -> TaskID {
        TaskID(nextTaskID.wrappingAdd(1, ordering: .relaxed).oldValue)
    }

    private func submit(_ requests: some Collection<(TaskID, InferenceTask, ReplyTarget)>) {
        let answers: [Answer] = lock.withLockAndWake { state in
            var answers: [Answer] = []
            // The first wake apart, so that a single request allocates no list.
            var firstWake: Int?
            var moreWakes: [Int] = []
            for (task, request, target) in requests {
                let (answered, queued, wake) = submit(request, as: task, answering: target, in: &state)
                answers += answered
                if let wake {
                    if firstWake == nil { firstWake = wake } else { moreWakes.append(wake) }
                }
                if let queued, queued != wake { watchDeadlines(in: &state) }
            }
            guard let firstWake else { return (answers, .nobody) }
            return (answers, moreWakes.isEmpty ? .oneOf(firstWake) : .oneEach([firstWake] + moreWakes))
        }
        deliver(answers)
    }

    /// Submits one request under the lock: the answers decided now (its own
    /// refusal, tasks it shed), the domain it was queued in, and the domain
    /// whose worker to wake for it.
    private func submit(
        _ request: InferenceTask, as task: TaskID, answering target: ReplyTarget, in state: inout BridgeState
    ) -> ([Answer], queued: Int?, wake: Int?) {
        state.highestSubmitted = max(state.highestSubmitted, task)
        let submitted = SubmittedRequest(
            request: TaskRequest(
                id: task, model: request.model, priorityClass: request.priorityClass,
                timeout: request.timeout, allowDowngrade: request.allowDowngrade,
                lowestVariant: request.lowestVariant.map { VariantID($0) },
                pinnedVariant: request.pinnedVariant.map { VariantID($0) }),
            inputBytes: request.inputs.reduce(0) { $0 + $1.bytes.count }, ingress: request.ingress)
        let now = Self.now()
        if state.cancelledBeforeSubmit.remove(task) != nil {
            let withdrawn = refusal(.cancelled, model: request.model)
            return ([Answer(target, withdrawn, refusedBeforeScheduling: submitted, at: now)], nil, nil)
        }
        let decision: SubmitDecision
        do {
            decision = try state.scheduler.submit(submitted.request, now: now)
        } catch {
            let refusal = InferenceRefusal(.modelUnavailable, "\(models[request.model.index].name): \(error)")
            return ([Answer(target, refusal, refusedBeforeScheduling: submitted, at: now)], nil, nil)
        }
        var wake: Int?
        if let domain = decision.domain?.index {
            state.pending[task] = PendingTask(target: target, inputs: request.inputs, submitted: submitted)
            wake = state.domainToWake(forTaskQueuedIn: domain, model: request.model)
        }
        var answers: [Answer] = []
        for outcome in decision.outcomes {
            answers.append(
                outcome.task == task
                    ? Answer(target, reply(to: outcome), outcome: outcome, submitted: submitted)
                    : answer(outcome, removingFrom: &state))
        }
        return (answers, decision.domain?.index, wake)
    }

    /// Wakes the deadline timer unless it already watches the queue; under
    /// the lock, whenever a task may wait behind busy workers: one queued
    /// with no idle worker of its own domain woken for it, or one still
    /// queued after a worker looked.
    private func watchDeadlines(in state: inout BridgeState) {
        guard !state.timerWatches else { return }
        state.timerWatches = true
        timerWake.yield()
    }

    private func cancel(_ task: TaskID) {
        let withdrawn: Answer? = lock.withLock { state in
            guard state.pending[task] != nil else {
                if task > state.highestSubmitted { state.cancelledBeforeSubmit.insert(task) }
                return nil
            }
            guard let outcome = state.scheduler.cancel(task, now: Self.now()) else { return nil }
            return answer(outcome, removingFrom: &state)
        }
        if let withdrawn { deliver([withdrawn]) }
    }

    // MARK: Variants

    /// Runs `work` on a worker of `domain`, ahead of queued inference, and
    /// returns its result: sessions are created on the domain's pinned
    /// threads, so their memory is on the domain's node.
    public func perform<Result: Sendable>(
        onDomain domain: Int, _ work: @escaping @Sendable (WorkerContext) -> Result
    ) async -> Result {
        await withCheckedContinuation { continuation in
            lock.withLockAndWake { state in
                state.controlJobs[domain].append { context in continuation.resume(returning: work(context)) }
                return ((), .oneOf(domain))
            }
        }
    }

    /// Makes `instance` (rung `rung` of `model`, in its domain) servable,
    /// with a first service-time estimate; throws, leaving it unservable,
    /// what the scheduler refuses (an estimate it cannot use).
    public func install(_ instance: VariantInstance, model: ModelID, rung: Int, estimate: Duration)
        throws(SchedulingError)
    {
        let outcome: Result<Void, SchedulingError> = lock.withLock { state in
            do throws(SchedulingError) {
                try state.scheduler.setVariant(
                    model: model, variant: VariantID(rung), domain: DomainID(instance.domain),
                    loadedWithEstimate: estimate)
            } catch {
                return .failure(error)
            }
            state.variants[model.index][rung][instance.domain] = instance
            return .success(())
        }
        try outcome.get()
    }

    /// Takes a variant out of the scheduler first, so no later dispatch picks
    /// it, and returns it for unloading; runs already started finish.
    public func uninstall(model: ModelID, rung: Int, domain: Int) -> VariantInstance? {
        lock.withLock { state in
            try? state.scheduler.setVariant(
                model: model, variant: VariantID(rung), domain: DomainID(domain), loadedWithEstimate: nil)
            defer { state.variants[model.index][rung][domain] = nil }
            return state.variants[model.index][rung][domain]
        }
    }

    /// The loaded variants of `model`, by rung: the domains each is loaded in.
    public func loadedDomains(of model: ModelID) -> [[Int]] {
        lock.withLock { state in
            state.variants[model.index].map { domains in domains.indices.filter { domains[$0] != nil } }
        }
    }

    // MARK: Lifecycle

    /// Stops admitting: new requests are answered `shutting_down`; queued
    /// work keeps running.
    public func beginDrain() {
        lock.withLock { state in
            if case .running = state.scheduler.lifecycle { state.scheduler.beginDraining() }
        }
    }

    /// Requests queued and not yet running, for metrics and tests.
    public var queuedCount: Int {
        lock.withLock { $0.scheduler.queuedCount }
    }

    /// Requests queued in each domain and workers of each busy now (running
    /// a task or a control job), for the per-domain gauges.
    public func load(workersPerDomain: [Int]) -> (queued: [Int], busy: [Int]) {
        lock.withLock { state in
            let queued = workersPerDomain.indices.map { (try? state.scheduler.queuedCount(domain: DomainID($0))) ?? 0 }
            return (queued, workersPerDomain.indices.map { workersPerDomain[$0] - state.idleWorkers[$0] })
        }
    }

    /// Whether nothing is queued or running: a drain is done.
    public var isIdle: Bool {
        lock.withLock { $0.scheduler.isIdle }
    }

    /// Answers everything still queued `shutting_down` (the drain timed out).
    public func answerQueued() {
        let answers: [Answer] = lock.withLock { state in
            guard state.scheduler.lifecycle != .stopped else { return [] }
            return self.answers(to: state.scheduler.stop(now: Self.now()), removingFrom: &state)
        }
        deliver(answers)
    }

    // MARK: Deadlines

    /// Answers `deadline_exceeded` every queued task that can no longer make
    /// its deadline, and returns when the next one will be due (nil: none
    /// queued with a deadline); the agent's one deadline timer calls it, so a
    /// task is answered at its deadline even while every worker is busy.
    public func expireOverdue() -> Instant? {
        let (answers, next): ([Answer], Instant?) = lock.withLock { state in
            let expired = state.scheduler.expire(now: Self.now())
            let next = state.scheduler.nextExpiry
            if next == nil { state.timerWatches = false }
            return (self.answers(to: expired, removingFrom: &state), next)
        }
        deliver(answers)
        return next
    }

    // MARK: WorkSource

    /// The next job for a worker: a control job of its domain, answers that
    /// dispatch decided without running, or the task the scheduler assigns it;
    /// nil once the bridge is closed and nothing is queued.
    @available(*, noasync, message: "blocks the thread; only pinned workers call it")
    public func nextJob(for worker: WorkerContext) -> WorkerJob? {
        var countedIdle = false
        let job: WorkerJob?? = lock.wait(on: worker.domainID) { state in
            let job = takeJob(for: worker.domainID, in: &state)
            if job == nil, state.isClosed, state.scheduler.queuedCount == 0 {
                if countedIdle { state.idleWorkers[worker.domainID] -= 1 }
                return .some(nil)
            }
            if job == nil, !countedIdle {
                state.idleWorkers[worker.domainID] += 1
                countedIdle = true
            } else if job != nil, countedIdle {
                state.idleWorkers[worker.domainID] -= 1
            }
            // What is still queued may have counted on this worker (the
            // flag first: under load the timer watches and nothing is counted).
            if !state.timerWatches, state.scheduler.queuedCount > 0 { watchDeadlines(in: &state) }
            return job.map { .some($0) }
        }
        return job ?? nil
    }

    /// Refuses new requests and lets workers leave once the queues are empty.
    public func close() {
        lock.withLock(wake: .everyone) { $0.isClosed = true }
    }

    private func takeJob(for domain: Int, in state: inout BridgeState) -> WorkerJob? {
        if let control = state.controlJobs[domain].popFirst() {
            return control
        }
        let decision: DispatchDecision
        do {
            decision = try state.scheduler.next(domain: DomainID(domain), now: Self.now())
        } catch {
            preconditionFailure("worker of \(domain) asked the scheduler for work: \(error)")
        }
        let answers = self.answers(to: decision.outcomes, removingFrom: &state)
        guard let assignment = decision.assignment else {
            guard !answers.isEmpty else { return nil }
            return { [self] _ in deliver(answers) }
        }
        guard var pending = state.pending[assignment.task] else {
            preconditionFailure("\(assignment.task) was dispatched without a waiting request")
        }
        let inputs = pending.inputs
        pending.inputs = []
        state.pending[assignment.task] = pending
        // The session is taken now, under the lock: a variant is taken out of
        // the scheduler before it is unloaded, so a dispatched task always
        // runs, even if the unload comes before the run starts.
        let session = state.variants[assignment.model.index][assignment.variant.rung][domain]?.session
        return { [self] _ in
            deliver(answers)
            run(assignment, on: session, inputs: inputs)
        }
    }

    /// Runs one assigned task on this pinned thread and answers it.
    private func run(_ assignment: Assignment, on session: (any LoadedVariant)?, inputs: [Tensor]) {
        let started = Self.now()
        let result: Result<[Tensor], InferenceError>
        if let session {
            result = Result { () throws(InferenceError) in try session.run(inputs) }
        } else {
            result = .failure(InferenceError(.unloaded, "the variant is not loaded in \(assignment.domain)"))
        }
        let finished = Self.now()
        let succeeded = if case .success = result { true } else { false }
        let (pending, outcome) = lock.withLock { state in
            let outcome = state.scheduler.complete(assignment.task, now: finished, succeeded: succeeded)
            return (state.pending.removeValue(forKey: assignment.task), outcome)
        }
        guard let pending else {
            preconditionFailure("\(assignment.task) finished without a waiting request")
        }
        metrics?.record(outcome)
        switch result {
        case .success(let outputs):
            let model = models[assignment.model.index]
            pending.target.deliver(
                .success(
                    InferenceAnswer(
                        outputs: outputs,
                        variant: model.variants[assignment.variant.rung].name,
                        downgrade: assignment.downgrade,
                        domain: assignment.domain.index,
                        queueTime: started - outcome.arrival,
                        serviceTime: finished - started,
                        isSynthetic: session?.isSynthetic ?? false,
                        node: node
                    )))
        case .failure(let error):
            pending.target.deliver(
                .failure(
                    InferenceRefusal(
                        .runtimeError, "\(models[assignment.model.index].name): \(error.description)")))
        }
        recorder?.record(outcome, of: pending.submitted, ranOn: assignment.variant)
    }

    // MARK: Answers

    /// A target and the reply it is to be given, once the lock is released.
    private struct Answer: Sendable {
        let target: ReplyTarget
        let reply: InferenceReply
        /// The outcome, for metrics and the recording.
        let outcome: TaskOutcome
        /// False for a refusal the bridge made itself, which metrics do not count.
        let isScheduled: Bool
        let submitted: SubmittedRequest

        /// The answer the scheduler decided.
        init(_ target: ReplyTarget, _ reply: InferenceReply, outcome: TaskOutcome, submitted: SubmittedRequest) {
            self.target = target
            self.reply = reply
            self.outcome = outcome
            self.isScheduled = true
            self.submitted = submitted
        }

        /// A refusal the bridge made before the scheduler took the task.
        init(
            _ target: ReplyTarget, _ refusal: InferenceRefusal, refusedBeforeScheduling submitted: SubmittedRequest,
            at now: Instant
        ) {
            self.target = target
            reply = .failure(refusal)
            outcome = TaskOutcome(
                task: submitted.request.id, model: submitted.request.model,
                priorityClass: submitted.request.priorityClass, result: .refused(refusal.reason), arrival: now,
                deadline: nil, finished: now)
            isScheduled = false
            self.submitted = submitted
        }
    }

    /// Hands each answer to its target, then counts and records it.
    private func deliver(_ answers: [Answer]) {
        for answer in answers {
            if answer.isScheduled { metrics?.record(answer.outcome) }
            answer.target.deliver(answer.reply)
            recorder?.record(answer.outcome, of: answer.submitted)
        }
    }

    /// The answer for a task the scheduler refused, taking it out of `pending`.
    private func answer(_ outcome: TaskOutcome, removingFrom state: inout BridgeState) -> Answer {
        guard let pending = state.pending.removeValue(forKey: outcome.task) else {
            preconditionFailure("\(outcome.task) was answered twice, or never admitted")
        }
        return Answer(pending.target, reply(to: outcome), outcome: outcome, submitted: pending.submitted)
    }

    private func answers(to outcomes: [TaskOutcome], removingFrom state: inout BridgeState) -> [Answer] {
        var answers: [Answer] = []
        answers.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            answers.append(answer(outcome, removingFrom: &state))
        }
        return answers
    }

    private func reply(to outcome: TaskOutcome) -> InferenceReply {
        switch outcome.result {
        case .refused(let reason): .failure(refusal(reason, model: outcome.model))
        case .completed: preconditionFailure("\(outcome.task) completed without a run")
        }
    }

    private func refusal(_ reason: RefusalReason, model: ModelID) -> InferenceRefusal {
        InferenceRefusal(reason, "\(models[model.index].name): \(RefusalText.sentence(for: reason))")
    }

    private static func now() -> Instant {
        Instant(nanoseconds: MonotonicClock.nanoseconds())
    }
}

extension InferenceBridge {
    /// Hands the sensors' readings to the scheduler's downgrade signals; an
    /// unknown value leaves its signal as it was. Returns the instant they
    /// were fed at, when a thermal or memory level that changed did.
    @discardableResult
    public func record(_ readings: [DomainReading]) -> Instant {
        lock.withLock { state in
            let now = Self.now()
            for reading in readings {
                if state.readings.indices.contains(reading.domain) { state.readings[reading.domain] = reading }
                let domain = DomainID(reading.domain)
                if let celsius = reading.celsius {
                    try? state.scheduler.updateTemperature(celsius, domain: domain, now: now)
                }
                if let free = reading.freeMebibytes {
                    try? state.scheduler.updateFreeMemory(mebibytes: free, domain: domain, now: now)
                }
            }
            return now
        }
    }

    /// How many rungs each signal steps each of `domainCount` domains down
    /// now, one row per domain in ``AgentMetrics/downgradeSignals`` order.
    public func downgradeLevels(domainCount: Int) -> [[Int]] {
        lock.withLock { state in
            (0..<domainCount).map { domain in
                guard let levels = try? state.scheduler.downgradeLevels(domain: DomainID(domain)) else {
                    return [0, 0, 0]
                }
                return [levels.pressure, levels.thermal, levels.memory]
            }
        }
    }
}

extension InferenceBridge {
    /// The counts, estimates, levels and readings of this instant, for the
    /// cluster's vectors; once per reporting interval, under the lock.
    func clusterSnapshot() -> ClusterSnapshot {
        lock.withLock { state in
            let domains = state.readings.indices
            let statistics = state.scheduler.statistics
            return ClusterSnapshot(
                taken: Self.now(),
                demand: statistics.demand,
                workerTime: statistics.domainWorkerTime,
                levels: domains.map { domain in
                    guard let levels = try? state.scheduler.downgradeLevels(domain: DomainID(domain)) else { return 0 }
                    return max(levels.pressure, levels.thermal, levels.memory)
                },
                estimates: state.variants.indices.map { model in
                    state.variants[model].indices.map { rung in
                        domains.map { domain in
                            try? state.scheduler.estimatedServiceTime(
                                model: ModelID(model), variant: VariantID(rung), domain: DomainID(domain))
                        }
                    }
                },
                readings: state.readings)
        }
    }
}
