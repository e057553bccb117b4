import Foundation
public import Inference
public import Logging
public import Placement
public import Scheduling
import Synchronization
public import Topology

/// One node's agent, composed from its configuration by ``build(_:logger:)``,
/// the one builder the command and the tests share: topology → execution
/// plan (with the container's CPU quota) → catalog → scheduler → the bridge
/// as the pinned pool's work source → the preloaded variants, each loaded
/// by a worker of every domain its manifest's placement hints name.
public final class Agent: Sendable {
    /// What it was built from.
    public let configuration: AgentConfiguration
    /// The machine as read under the topology root.
    public let topology: MachineTopology
    /// Its domains and pinned workers.
    public let plan: ExecutionPlan
    /// Every model of the catalog and whether it is loaded.
    public let repository: ModelRepository
    /// The runtimes variants load with.
    let runtimes: Runtimes
    let bridge: InferenceBridge
    let pool: WorkerPool
    let sensors: DomainSensors
    /// Keeps every thread but the workers on the plan's reserved CPUs.
    let confinement: ThreadConfinement
    /// Writes every answer to the recording file; nil: recording is off.
    let recorder: ArrivalRecorder?
    /// Every series `GET /metrics` exports.
    public let metrics: AgentMetrics
    /// The cluster's name for this node (`node_id`, else the host name),
    /// which every answer names; empty outside a cluster.
    let nodeName: String
    /// Where refusals go that a route's peer may serve; nil outside a cluster.
    let forwarder: OverflowForwarder?
    let logger: Logger
    /// False from the start of a drain on: readiness fails and new requests are refused.
    private let accepting = Atomic<Bool>(true)
    /// When the last request came in (monotonic ns), so a drain can wait for clients to stop.
    private let lastRequest = Atomic<Int64>(0)
    /// Requests accepted and not yet answered, against `limits.max_in_flight`.
    private let inFlight = Atomic<Int>(0)
    /// The ZeroMQ ingress's bound endpoint, once it is bound (the port libzmq
    /// chose for `*`): what the cluster advertises unless `cluster.advertise` says.
    private let boundZeroMQ = Mutex<String?>(nil)

    /// Builds an agent and starts its workers; the caller runs it with ``run(onHTTPBound:)``.
    public static func build(_ configuration: AgentConfiguration, logger: Logger) async throws(AgentError) -> Agent {
        let (topology, plan) = try readMachine(configuration, logger: logger)
        // Before any thread of the agent's own starts: each is born on the reserve.
        let confinement = ThreadConfinement(reserve: plan.reserved)
        let firstSweep = confinement.sweep()
        let catalog = loadCatalog(configuration, logger: logger)
        let scheduler = try makeScheduler(configuration, catalog: catalog, plan: plan, logger: logger)
        let metrics = AgentMetrics(
            models: catalog.models, classes: configuration.classes, workersPerDomain: plan.domains.map(\.workers.count),
            coordinators: configuration.cluster?.coordinators.map(\.id) ?? [])
        let nodeName = configuration.cluster == nil ? "" : configuration.nodeID ?? ProcessInfo.processInfo.hostName
        let forwarder = try makeForwarder(configuration, models: catalog.models.count)
        let recorder = try startRecording(
            configuration, models: catalog.models, plan: plan, metrics: metrics, logger: logger)
        let bridge = InferenceBridge(
            scheduler: scheduler, models: catalog.models, domainCount: plan.domains.count,
            spin: configuration.workers.spin, metrics: metrics, recorder: recorder, node: nodeName)
        let pool: WorkerPool
        do {
            pool = try await startWorkers(plan, source: bridge)
        } catch {
            if let recorder { await Blocking.run { recorder.stop() } }
            throw error
        }
        confinement.own(pool.workers)
        let agent = Agent(
            configuration: configuration, topology: topology, plan: plan, catalog: catalog, bridge: bridge,
            pool: pool, confinement: confinement, metrics: metrics, recorder: recorder, nodeName: nodeName,
            forwarder: forwarder, logger: logger)
        agent.logPlacement(firstSweep)
        agent.logSensors()
        await agent.preloadModels()
        return agent
    }

    private init(
        configuration: AgentConfiguration, topology: MachineTopology, plan: ExecutionPlan, catalog: ModelCatalog,
        bridge: InferenceBridge, pool: WorkerPool, confinement: ThreadConfinement, metrics: AgentMetrics,
        recorder: ArrivalRecorder?, nodeName: String, forwarder: OverflowForwarder?, logger: Logger
    ) {
        self.nodeName = nodeName
        self.forwarder = forwarder
        self.configuration = configuration
        self.topology = topology
        self.plan = plan
        self.repository = ModelRepository(models: catalog.models)
        self.runtimes = Runtimes(
            onnxRuntimePath: configuration.models.onnxRuntimePath,
            intraOpThreads: configuration.models.intraOpThreads)
        self.bridge = bridge
        self.pool = pool
        self.confinement = confinement
        self.metrics = metrics
        self.recorder = recorder
        self.sensors = DomainSensors(root: configuration.topologyRoot, topology: topology, plan: plan)
        self.logger = logger
    }

    /// Whether the agent takes new requests (false once a drain began).
    public var isAccepting: Bool {
        accepting.load(ordering: .relaxed)
    }

    /// Notes that a request came in, with one relaxed store, and returns when (monotonic ns).
    func noteRequest() -> Int64 {
        let now = MonotonicClock.nanoseconds()
        lastRequest.store(now, ordering: .relaxed)
        return now
    }

    /// Counts a request in flight, or refuses it when `limits.max_in_flight`
    /// are already; a request counted must be let go with ``leaveInFlight()``.
    func enterInFlight() throws(AgentError) {
        let limit = configuration.limits.maxInFlight
        guard inFlight.wrappingAdd(1, ordering: .relaxed).newValue > limit else { return }
        inFlight.wrappingSubtract(1, ordering: .relaxed)
        throw AgentError(
            .inFlightLimit, "\(limit) requests are already accepted and unanswered (limits.max_in_flight)")
    }

    /// Lets go of a request counted by ``enterInFlight()``: it was answered.
    func leaveInFlight() {
        inFlight.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Counts an error an ingress answered before the scheduler saw the
    /// request (the scheduler's refusals are counted where it decides them).
    public func noteRejected(_ error: AgentError, ingress: IngressKind) {
        if case .refused = error.kind { return }
        metrics.recordRejection(reason: error.reason, ingress: ingress)
    }

    /// How long ago the last request came in.
    var timeSinceLastRequest: Duration {
        .nanoseconds(MonotonicClock.nanoseconds() - lastRequest.load(ordering: .relaxed))
    }

    /// The ZeroMQ ingress's endpoint once it is bound; nil before, or without one.
    var zeroMQEndpoint: String? {
        get { boundZeroMQ.withLock { $0 } }
        set { boundZeroMQ.withLock { $0 = newValue } }
    }

    // MARK: Building steps

    private static func readMachine(_ configuration: AgentConfiguration, logger: Logger) throws(AgentError)
        -> (MachineTopology, ExecutionPlan)
    {
        do {
            let root = configuration.topologyRoot
            let topology = try MachineTopology.read(fromRoot: root)
            for warning in topology.warnings {
                logger.warning("topology: \(warning.description)")
            }
            let quota = try CPUQuota.read(fromRoot: root)
            let plan = try ExecutionPlan.make(for: topology, policy: configuration.placement, quota: quota)
            for warning in plan.warnings {
                logger.warning("plan: \(warning)")
            }
            let workers = plan.domains.map { "domain \($0.id): \($0.workers.count) workers on CPUs \($0.cpus)" }
            logger.info("plan: \(workers.joined(separator: "; ")); reserved CPUs \(plan.reserved)")
            return (topology, plan)
        } catch let error as TopologyError {
            throw AgentError(.startFailed, "topology: \(error.description)")
        } catch let error as PlacementError {
            throw AgentError(.startFailed, "placement: \(error.description)")
        } catch {
            throw AgentError(.startFailed, "\(error)")
        }
    }

    private static func loadCatalog(_ configuration: AgentConfiguration, logger: Logger) -> ModelCatalog {
        let catalog = ModelCatalog.load(folder: configuration.models.folder)
        for problem in catalog.problems {
            logger.warning("models: \(problem.description)")
        }
        logger.info("models: \(catalog.models.map(\.name).joined(separator: ", ")) from \(catalog.folder)")
        return catalog
    }

    private static func makeScheduler(
        _ configuration: AgentConfiguration, catalog: ModelCatalog, plan: ExecutionPlan, logger: Logger
    ) throws(AgentError) -> any SchedulingPolicy {
        logger.info("scheduling: policy \(configuration.schedulingPolicy.rawValue)")
        let profiles = catalog.models.map { model in
            ModelProfile(
                name: model.name, variants: model.variants.map { VariantProfile(name: $0.name, serviceTime: [:]) })
        }
        let scheduling = SchedulerConfiguration(
            classes: configuration.classes, models: profiles, workersPerDomain: plan.domains.map(\.workers.count),
            downgrade: configuration.downgrade, overload: configuration.overload)
        do {
            switch configuration.schedulingPolicy {
            case .edgesched:
                return try Scheduler(configuration: scheduling)
            case .queueTimeout:
                return try BaselinePolicy(configuration: scheduling, discipline: .queueTimeout)
            }
        } catch {
            throw AgentError(.startFailed, "scheduler: \(error.description)")
        }
    }

    private static func makeForwarder(_ configuration: AgentConfiguration, models: Int) throws(AgentError)
        -> OverflowForwarder?
    {
        guard let cluster = configuration.cluster, cluster.routing != .off else { return nil }
        do {
            return try OverflowForwarder(modelCount: models)
        } catch {
            throw AgentError(.startFailed, "cluster: forwarding: \(error)")
        }
    }

    private static func startWorkers(_ plan: ExecutionPlan, source: InferenceBridge) async throws(AgentError)
        -> WorkerPool
    {
        do {
            return try await Blocking.run { () throws(PlacementError) in try WorkerPool(plan: plan, source: source) }
        } catch {
            throw AgentError(.startFailed, "workers: \(error.description)")
        }
    }

    /// Says where the workers and the agent's own threads run; `first` is
    /// the sweep that confined the threads there were before any started.
    private func logPlacement(_ first: ConfinementSweep) {
        let workers = pool.workers.map { "\($0.name) (thread \($0.threadID)) on CPUs \($0.cpus)" }
        let own =
            plan.reserved.isEmpty
            ? "no CPUs reserved: the agent's own threads run anywhere, workers' CPUs included"
            : "the agent's own threads on CPUs \(plan.reserved) (\(first.moved.count) moved there at start)"
        logger.notice("placement: workers \(workers.joined(separator: ", ")); \(own)")
        for failure in first.failures {
            logger.warning("placement: \(failure)")
        }
        metrics.record(first)
        sweepThreads()
    }

    /// Sweeps the agent's threads onto the reserve (``ThreadConfinement/sweep()``),
    /// logs what moved and what could not, and exports the counts.
    func sweepThreads() {
        let sweep = confinement.sweep()
        metrics.record(sweep)
        for move in sweep.moved {
            logger.debug(
                "placement: moved thread \(move.threadID) (\(move.name)) from CPUs \(move.from) to \(plan.reserved)")
        }
        for failure in sweep.failures {
            logger.warning("placement: \(failure)")
        }
    }

    private func logSensors() {
        if let source = sensors.temperatureSource {
            logger.info("sensors: package temperatures from \(source)")
        }
        for problem in sensors.unavailable {
            logger.info("sensors: \(problem.description); its downgrade signal is off")
        }
    }

    private func preloadModels() async {
        for (index, model) in repository.models.enumerated() where model.placement.preload {
            _ = await load(ModelID(index))
        }
    }

    /// Stops the workers once nothing is queued; the last step of a shutdown.
    func stopWorkers() async {
        accepting.store(false, ordering: .relaxed)
        let pool = self.pool
        await Blocking.run { pool.stop() }
    }

    /// Stops admitting: readiness fails, new requests are answered `shutting_down`.
    func beginDrain() {
        accepting.store(false, ordering: .relaxed)
        bridge.beginDrain()
    }
}
