public import Inference
import Metrics
import Placement
import Prometheus
public import Scheduling

/// The agent's Prometheus metrics (swift-metrics, exported by
/// swift-prometheus): every series the request path touches is made once at
/// start and found by index, so recording an outcome costs no lookup.
///
/// Series: `edgesched_requests_total{model,class,outcome}`,
/// `edgesched_downgrades_total{model,reason}`,
/// `edgesched_queue_seconds{model,class}` and
/// `edgesched_service_seconds{model,variant}` (histograms),
/// `edgesched_domain_queued{domain}` (requests waiting for a worker), `edgesched_domain_running{domain}`,
/// `edgesched_domain_utilisation{domain}` (running over workers),
/// `edgesched_variant_loaded{model,variant,domain}`,
/// `edgesched_sensor_celsius{domain}`, `edgesched_sensor_free_mebibytes{domain}`,
/// `edgesched_downgrade_level{domain,signal}` (rungs a signal steps the
/// domain down), `edgesched_downgrade_changes_total{domain,signal}` and
/// `edgesched_downgrade_changed_seconds{domain,signal}` (Unix time of the
/// sensor poll that changed it or saw it change; 0: never), signal
/// `pressure`, `thermal` or `memory`,
/// `edgesched_work_seconds_total` and `edgesched_late_work_seconds_total`
/// (worker time on completed tasks, and on those that finished past their
/// deadline: time the scheduler should not have spent),
/// `edgesched_ingress_rejections_total{ingress,reason}` (requests an ingress
/// answered before the scheduler saw them: malformed, unknown model, over a limit),
/// `edgesched_zeromq_dropped_total{reason}` (`undecodable`: not the protocol;
/// `unroutable`: a reply whose peer is gone or does not read),
/// `edgesched_recording_dropped_total` (answers the arrival recording lost:
/// its writer fell behind or the file could not be written),
/// `edgesched_threads{placement}` (the process's threads at the last sweep:
/// `worker`, the workers and the threads they started while loading;
/// `reserve`, the agent's own on the reserved CPUs; `elsewhere`, its own
/// outside them, all of them when nothing is reserved) and
/// `edgesched_threads_moved_total` (threads a sweep moved onto the reserve,
/// docs/placement.md),
/// `edgesched_build_info{version}`; and the cluster's (``ClusterMetrics``).
public final class AgentMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    /// `[model][class][outcome]`, outcome 0 completed, then ``RefusalReason/allCases``.
    private let requests: [[[Metrics.Counter]]]
    /// `[model][reason]`, in ``DowngradeReason/allCases`` order.
    private let downgrades: [[Metrics.Counter]]
    /// `[model][class]`.
    private let queueTime: [[Metrics.Timer]]
    /// `[model][variant]`.
    private let serviceTime: [[Metrics.Timer]]
    private let loaded: [[[Metrics.Gauge]]]
    private let queued: [Metrics.Gauge]
    private let running: [Metrics.Gauge]
    private let utilisation: [Metrics.Gauge]
    private let celsius: [Metrics.Gauge]
    private let freeMemory: [Metrics.Gauge]
    /// `[domain][signal]`, signals in ``downgradeSignals`` order.
    private let downgradeLevel: [[Metrics.Gauge]]
    private let downgradeChanged: [[Metrics.Gauge]]
    private let downgradeChanges: [[Metrics.Counter]]
    private let workers: [Int]
    private let work: Metrics.FloatingPointCounter
    private let lateWork: Metrics.FloatingPointCounter
    /// `[ingress][reason]`: ingresses in ``IngressKind/allCases`` order,
    /// reasons in ``AgentError/rejectionReasons`` order.
    private let rejections: [[Metrics.Counter]]
    /// In ``ZeroMQDrop/allCases`` order.
    private let zeroMQDrops: [Metrics.Counter]
    private let recordingDrops: Metrics.Counter
    /// The cluster's series (reports sent and dropped per coordinator).
    public let cluster: ClusterMetrics
    /// `worker`, `reserve`, `elsewhere`.
    private let threads: [Metrics.Gauge]
    private let threadsMoved: Metrics.Counter

    /// The series for `models`, `classes`, domains with `workersPerDomain`
    /// workers and the cluster's `coordinators` (their ids; none: no cluster).
    public init(
        models: [ModelManifest], classes: [PriorityClass], workersPerDomain: [Int], coordinators: [String] = []
    ) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
        ]
        let outcomes = ["completed"] + RefusalReason.allCases.map(\.rawValue)
        requests = models.map { model in
            classes.map { priorityClass in
                outcomes.map { outcome in
                    Metrics.Counter(
                        label: "edgesched_requests_total",
                        dimensions: [("model", model.name), ("class", priorityClass.name), ("outcome", outcome)],
                        factory: factory)
                }
            }
        }
        downgrades = models.map { model in
            DowngradeReason.allCases.map { reason in
                Metrics.Counter(
                    label: "edgesched_downgrades_total",
                    dimensions: [("model", model.name), ("reason", reason.rawValue)],
                    factory: factory)
            }
        }
        queueTime = models.map { model in
            classes.map { priorityClass in
                Metrics.Timer(
                    label: "edgesched_queue_seconds",
                    dimensions: [("model", model.name), ("class", priorityClass.name)],
                    factory: factory)
            }
        }
        serviceTime = models.map { model in
            model.variants.map { variant in
                Metrics.Timer(
                    label: "edgesched_service_seconds", dimensions: [("model", model.name), ("variant", variant.name)],
                    factory: factory)
            }
        }
        let domains = workersPerDomain.indices.map(String.init)
        loaded = models.map { model in
            model.variants.map { variant in
                domains.map { domain in
                    Metrics.Gauge(
                        label: "edgesched_variant_loaded",
                        dimensions: [("model", model.name), ("variant", variant.name), ("domain", domain)],
                        factory: factory)
                }
            }
        }
        func perDomain(_ label: String) -> [Metrics.Gauge] {
            domains.map { Metrics.Gauge(label: label, dimensions: [("domain", $0)], factory: factory) }
        }
        queued = perDomain("edgesched_domain_queued")
        running = perDomain("edgesched_domain_running")
        utilisation = perDomain("edgesched_domain_utilisation")
        celsius = perDomain("edgesched_sensor_celsius")
        freeMemory = perDomain("edgesched_sensor_free_mebibytes")
        let signals = domains.map { domain in
            Self.downgradeSignals.map { [("domain", domain), ("signal", $0.rawValue)] }
        }
        downgradeLevel = signals.map {
            $0.map { Metrics.Gauge(label: "edgesched_downgrade_level", dimensions: $0, factory: factory) }
        }
        downgradeChanged = signals.map {
            $0.map { Metrics.Gauge(label: "edgesched_downgrade_changed_seconds", dimensions: $0, factory: factory) }
        }
        downgradeChanges = signals.map {
            $0.map { Metrics.Counter(label: "edgesched_downgrade_changes_total", dimensions: $0, factory: factory) }
        }
        workers = workersPerDomain
        work = Metrics.FloatingPointCounter(label: "edgesched_work_seconds_total", factory: factory)
        lateWork = Metrics.FloatingPointCounter(label: "edgesched_late_work_seconds_total", factory: factory)
        zeroMQDrops = ZeroMQDrop.allCases.map { reason in
            Metrics.Counter(
                label: "edgesched_zeromq_dropped_total", dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        recordingDrops = Metrics.Counter(label: "edgesched_recording_dropped_total", factory: factory)
        cluster = ClusterMetrics(coordinators: coordinators, factory: factory)
        threads = ["worker", "reserve", "elsewhere"].map { placement in
            Metrics.Gauge(label: "edgesched_threads", dimensions: [("placement", placement)], factory: factory)
        }
        threadsMoved = Metrics.Counter(label: "edgesched_threads_moved_total", factory: factory)
        rejections = IngressKind.allCases.map { ingress in
            AgentError.rejectionReasons.map { reason in
                Metrics.Counter(
                    label: "edgesched_ingress_rejections_total",
                    dimensions: [("ingress", ingress.rawValue), ("reason", reason)],
                    factory: factory)
            }
        }
        Metrics.Gauge(label: "edgesched_build_info", dimensions: [("version", AgentVersion.current)], factory: factory)
            .record(1)
    }

    /// Counts one task's outcome, and its queue and service times when it ran.
    public func record(_ outcome: TaskOutcome) {
        let model = outcome.model.index
        let priorityClass = outcome.priorityClass.index
        switch outcome.result {
        case .completed(let variant, let downgrade):
            requests[model][priorityClass][0].increment()
            if let downgrade, let reason = DowngradeReason.allCases.firstIndex(of: downgrade) {
                downgrades[model][reason].increment()
            }
            if let started = outcome.started {
                let service = outcome.finished - started
                queueTime[model][priorityClass].recordNanoseconds((started - outcome.arrival).nanoseconds)
                serviceTime[model][variant.rung].recordNanoseconds(service.nanoseconds)
                let seconds = Double(service.nanoseconds) / 1e9
                work.increment(by: seconds)
                if !outcome.metDeadline { lateWork.increment(by: seconds) }
            }
        case .refused(let reason):
            let index = RefusalReason.allCases.firstIndex(of: reason).map { $0 + 1 } ?? 0
            requests[model][priorityClass][index].increment()
        }
    }

    /// Counts a request `ingress` answered with `reason` before the scheduler
    /// saw it (malformed, unknown model, over a limit).
    public func recordRejection(reason: String, ingress: IngressKind) {
        guard let ingress = IngressKind.allCases.firstIndex(of: ingress),
            let reason = AgentError.rejectionReasons.firstIndex(of: reason)
        else { return }
        rejections[ingress][reason].increment()
    }

    /// Counts a ZeroMQ message dropped unanswered.
    public func recordZeroMQDrop(_ reason: ZeroMQDrop) {
        guard let index = ZeroMQDrop.allCases.firstIndex(of: reason) else { return }
        zeroMQDrops[index].increment()
    }

    /// Counts answers the arrival recording lost.
    func recordRecordingDrops(_ count: Int) {
        recordingDrops.increment(by: count)
    }

    /// Where a sweep found the process's threads, and how many it moved.
    func record(_ sweep: ConfinementSweep) {
        threads[0].record(sweep.owned)
        threads[1].record(sweep.onReserve)
        threads[2].record(sweep.elsewhere)
        threadsMoved.increment(by: sweep.moved.count)
    }

    /// Marks rung `variant` of `model` loaded (or not) in `domain`.
    public func setLoaded(_ isLoaded: Bool, model: ModelID, variant: Int, domain: Int) {
        loaded[model.index][variant][domain].record(isLoaded ? 1 : 0)
    }

    /// The queue depth and busy workers of each domain, and utilisation as busy over all workers.
    public func recordLoad(queued queuedPerDomain: [Int], running runningPerDomain: [Int]) {
        for domain in workers.indices {
            queued[domain].record(queuedPerDomain[domain])
            running[domain].record(runningPerDomain[domain])
            utilisation[domain].record(Double(runningPerDomain[domain]) / Double(max(1, workers[domain])))
        }
    }

    /// The sensors' readings; an unknown value keeps the last one.
    public func record(_ readings: [DomainReading]) {
        for reading in readings where celsius.indices.contains(reading.domain) {
            if let value = reading.celsius { celsius[reading.domain].record(value) }
            if let value = reading.freeMebibytes { freeMemory[reading.domain].record(value) }
        }
    }

    /// The signals that step a whole domain down, in the order of
    /// ``InferenceBridge/downgradeLevels(domainCount:)``.
    public static let downgradeSignals: [DowngradeReason] = [.pressure, .thermal, .memory]

    /// A signal's new level in `domain` (index into ``downgradeSignals``),
    /// seen changing at `unixSeconds`.
    public func recordDowngradeLevel(_ level: Int, signal: Int, domain: Int, changedAt unixSeconds: Double) {
        guard downgradeLevel.indices.contains(domain), downgradeLevel[domain].indices.contains(signal) else { return }
        downgradeLevel[domain][signal].record(level)
        downgradeChanged[domain][signal].record(unixSeconds)
        downgradeChanges[domain][signal].increment()
    }

    /// Every series in Prometheus's text format, for `GET /metrics`.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
