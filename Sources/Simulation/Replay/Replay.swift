public import Scheduling

/// A recording made ready to run through the simulator: its requests in
/// arrival order on a clock that starts at the first arrival, the node
/// (classes and signals from ``ReplaySettings``; the recording's models,
/// each variant loaded in the domains where it ran; workers given or
/// inferred), the measured runs per model, variant and domain that service
/// times are drawn from, and the recording's own figures.
public struct Replay: Sendable {
    /// One recorded request, to be submitted again.
    struct Arrival: Sendable {
        /// Nanoseconds after the first arrival.
        var time: Int64
        /// Model, class, timeout and variant constraints (its id is set at submit).
        var request: TaskRequest
        /// When the client withdrew it, if it did after it was queued.
        var cancelAt: Int64?
    }

    /// Where the workers per domain came from.
    public enum WorkersSource: Hashable, Sendable {
        /// ``ReplaySettings/workersPerDomain``, described as given.
        case given(String)
        /// The most runs at once per domain in the recording.
        case inferred
    }

    /// The recording's path, for the report and errors.
    public let path: String
    /// The node it is replayed on.
    public let configuration: SchedulerConfiguration
    /// Where ``configuration``'s workers per domain came from.
    public let workersSource: WorkersSource
    /// Where the classes and signals came from.
    public let classesSource: String
    /// `model/variant` names of requested models that never ran in the
    /// recording: not loaded in the replay, as there is no service time to
    /// draw for them (models nobody asked for are loaded nowhere either).
    public let unplayedVariants: [String]
    /// What really happened.
    public let recorded: RecordedFigures
    /// Records of rotated-away or dropped requests the recording lacks.
    public let dropped: Int
    /// From the first arrival to the last (at least 1 ms).
    public let duration: Duration
    let arrivals: [Arrival]
    let samples: ServiceSamples
    /// When the agent began draining: the first request refused
    /// `shutting_down` at once; nil: it did not within the recording.
    let drainAt: Int64?

    /// The replay of `recording`, read from `path`, on the node `settings`
    /// describe; throws naming the file for a recording without requests,
    /// a class the settings lack, or a domain beyond the given workers.
    public init(_ recording: ArrivalRecording, path: String, settings: ReplaySettings) throws(ReplayError) {
        let records = recording.arrivals.enumerated().sorted {
            ($0.element.arrival, $0.offset) < ($1.element.arrival, $1.offset)
        }.map(\.element)
        guard let first = records.first?.arrival, let last = records.last?.arrival else {
            throw ReplayError(path: path, "the recording has no requests to replay")
        }
        let classMap = try Self.classIndices(recording.header.classes, in: settings, path: path)
        let samples = ServiceSamples(records, first: first)
        let busiestDomain = records.compactMap { $0.serviceTime == nil ? nil : $0.domain?.index }.max() ?? -1
        let workers: [Int]
        if let given = settings.workersPerDomain {
            guard busiestDomain < given.count else {
                throw ReplayError(
                    path: path,
                    "requests ran in domain \(busiestDomain), but the node has \(given.count) "
                        + "domain\(given.count == 1 ? "" : "s") (\(settings.workersSource)); "
                        + "replay it on the plan of the machine that recorded it")
            }
            workers = given
            workersSource = .given(settings.workersSource)
        } else {
            workers = Self.mostRunsAtOnce(records, domains: max(1, busiestDomain + 1))
            workersSource = .inferred
        }
        var unplayed: [String] = []
        let requestedModels = Set(records.map(\.model.index))
        let models = recording.header.models.enumerated().map { modelIndex, model in
            ModelProfile(
                name: model.name,
                variants: model.variants.enumerated().map { rung, name in
                    var times: [DomainID: Duration] = [:]
                    for domain in workers.indices {
                        if let median = samples.median(model: modelIndex, variant: rung, domain: domain) {
                            times[DomainID(domain)] = median
                        }
                    }
                    if times.isEmpty, requestedModels.contains(modelIndex) { unplayed.append("\(model.name)/\(name)") }
                    return VariantProfile(name: name, serviceTime: times)
                })
        }
        let configuration = SchedulerConfiguration(
            classes: settings.classes, models: models, workersPerDomain: workers, downgrade: settings.downgrade,
            overload: settings.overload)
        do {
            try configuration.validate()
        } catch {
            throw ReplayError(path: path, error.description)
        }
        let span = max(last - first, .milliseconds(1))
        var arrivals: [Arrival] = []
        arrivals.reserveCapacity(records.count)
        var statistics = SchedulerStatistics(
            classCount: settings.classes.count, modelCount: models.count, domainCount: workers.count)
        var onTimeInWindow = 0
        var digest = ArrivalDigest()
        var drainAt: Int64?
        for record in records {
            let time = (record.arrival - first).nanoseconds
            let request = TaskRequest(
                id: TaskID(0), model: record.model, priorityClass: ClassID(classMap[record.priorityClass.index]),
                timeout: record.timeout, allowDowngrade: record.allowDowngrade,
                lowestVariant: record.lowestVariant, pinnedVariant: record.pinnedVariant)
            let answered = time + record.answeredAfter.nanoseconds
            arrivals.append(
                Arrival(time: time, request: request, cancelAt: record.refusal == .cancelled ? answered : nil))
            digest.add(time: time, classIndex: request.priorityClass.index)
            if record.refusal == .shuttingDown, record.answeredAfter == .zero, drainAt == nil { drainAt = time }
            let outcome = Self.outcome(of: record, as: request, at: time)
            statistics.recordArrival(request)
            if record.refusal == nil || record.answeredAfter > .zero { statistics.recordAdmission(request) }
            statistics.record(outcome)
            if outcome.metDeadline, answered <= span.nanoseconds { onTimeInWindow += 1 }
        }
        self.path = path
        self.configuration = configuration
        self.classesSource = settings.classesSource
        self.unplayedVariants = unplayed
        self.recorded = RecordedFigures(
            statistics: statistics, requests: records.count, onTimeInWindow: onTimeInWindow, duration: span,
            arrivalDigest: digest.value)
        self.dropped = recording.dropped
        self.duration = span
        self.arrivals = arrivals
        self.samples = samples
        self.drainAt = drainAt
    }

    /// Requests to replay.
    public var requests: Int { arrivals.count }

    /// Runs the recording measured for a variant in a domain.
    public func measuredRuns(model: Int, variant: Int, domain: Int) -> Int {
        samples.runs(model: model, variant: variant, domain: domain).count
    }

    /// The dispatch gaps the recording measured in `domain` (a worker's
    /// completion to its next start, that task already waiting): how many,
    /// and their mean; nil when none.
    public func dispatchGaps(domain: Int) -> (count: Int, mean: Duration)? {
        guard let gaps = samples.dispatchGaps[domain], !gaps.isEmpty else { return nil }
        return (gaps.count, .nanoseconds(gaps.reduce(0, +) / Int64(gaps.count)))
    }

    /// The index in `settings.classes` of each of the recording's classes.
    private static func classIndices(_ names: [String], in settings: ReplaySettings, path: String)
        throws(ReplayError) -> [Int]
    {
        var indices: [Int] = []
        for name in names {
            guard let index = settings.classes.firstIndex(where: { $0.name == name }) else {
                let known = settings.classes.map { "\"\($0.name)\"" }.joined(separator: ", ")
                throw ReplayError(
                    path: path,
                    "class \"\(name)\" of the recording is not among the classes of \(settings.classesSource) "
                        + "(\(known)); give the agent's configuration with --config")
            }
            indices.append(index)
        }
        return indices
    }

    /// The most runs that overlapped in time, per domain (at least 1): ends
    /// count before starts at the same instant.
    private static func mostRunsAtOnce(_ records: [RecordedArrival], domains: Int) -> [Int] {
        var edges = Array(repeating: [(Int64, Int)](), count: domains)
        for record in records {
            guard let domain = record.domain?.index, let queue = record.queueTime, let service = record.serviceTime
            else { continue }
            let start = (record.arrival + queue).nanoseconds
            edges[domain].append((start, 1))
            edges[domain].append((start + service.nanoseconds, -1))
        }
        return edges.map { domainEdges in
            var running = 0
            var most = 1
            for (_, step) in domainEdges.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                running += step
                most = max(most, running)
            }
            return most
        }
    }

    /// The outcome the record describes, on the replay's clock.
    private static func outcome(of record: RecordedArrival, as request: TaskRequest, at time: Int64) -> TaskOutcome {
        let arrival = Instant(nanoseconds: time)
        let result: TaskOutcome.Result =
            if let refusal = record.refusal {
                .refused(refusal)
            } else {
                .completed(variant: record.variant ?? VariantID(0), downgrade: record.downgrade)
            }
        return TaskOutcome(
            task: request.id, model: request.model, priorityClass: request.priorityClass, result: result,
            arrival: arrival, deadline: record.deadline.map { arrival + $0 }, finished: arrival + record.answeredAfter,
            started: record.queueTime.map { arrival + $0 }, domain: record.domain)
    }
}
