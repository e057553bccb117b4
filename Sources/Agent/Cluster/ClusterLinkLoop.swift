import Cluster
import Foundation
import Inference
import Logging
import Messaging
import Placement
import Scheduling

/// The thread that owns the agent's cluster sockets: a DEALER to each
/// coordinator's ROUTER, on which it sends its report every interval, and a
/// SUB to each coordinator's PUB, from which it takes plans and ignores
/// heartbeats (docs/cluster-protocol.md). A coordinator whose pipe is full
/// misses that report, counted; a plan that does not decode, or is older than the
/// newest held, is counted and dropped; nothing here ever blocks on a peer.
/// A plan's placements for this node are loaded and unloaded
/// (``PlacementApplier``), its routes go to the forwarding loop; past the
/// autonomy time without a plan they are dropped and the agent serves alone.
///
/// Made on its thread and used only there: sockets are not thread-safe, and
/// the control queue is how the agent reaches it.
final class ClusterLinkLoop {
    private let agent: Agent
    private let identity: ClusterIdentity
    private let interval: Duration
    private let reportSockets: [Socket]
    private let planSockets: [(socket: Socket, ready: Poller.Registration)]
    private var plans = PlanBook()
    /// When the newest plan came, or the link started (monotonic ns).
    private var lastPlan: Int64
    private let autonomy: Duration
    private let poller = Poller()
    private let timer: PollTimer
    private let timerReady: Poller.Registration
    private let controlReady: Poller.Registration
    private let control: HandoffQueue<ClusterControl>
    private let wire = ClusterWire()
    private var sampler: VectorSampler
    /// The last report's sequence. It starts from the Unix time in
    /// milliseconds, so an agent that restarts goes on above its last
    /// sequence and coordinators take its reports at once rather than
    /// dropping them as old until it has been silent for three intervals.
    private var sequence = UInt64(max(0, Date().timeIntervalSince1970 * 1000).rounded(.down))
    private var nextReport: Int64
    /// The names of the repository's models, by index, for reading routes.
    private let modelNames: [String]
    /// Whether the forwarding loop holds the routes of a plan.
    private var holdsRoutes = false
    private let placements: PlacementApplier
    private let routing: AgentConfiguration.Cluster.Routing
    private var taken: [ClusterControl] = []
    private var stopping = false

    /// Makes and connects the sockets; the error names the coordinator, the
    /// endpoint or the key file.
    init(agent: Agent, context: Context, identity: ClusterIdentity, control: HandoffQueue<ClusterControl>)
        throws(AgentError)
    {
        guard let settings = agent.configuration.cluster else {
            preconditionFailure("a cluster link started without a cluster configuration")
        }
        self.agent = agent
        self.identity = identity
        self.control = control
        interval = settings.interval
        do {
            timer = try PollTimer()
        } catch {
            throw AgentError(.startFailed, "cluster: \(error)")
        }
        reportSockets = try settings.coordinators.map { coordinator throws(AgentError) in
            try Self.socket(.dealer, to: coordinator, at: coordinator.reports, identity: identity, context: context)
        }
        let subscribers = try settings.coordinators.map { coordinator throws(AgentError) in
            try Self.socket(.subscriber, to: coordinator, at: coordinator.plans, identity: identity, context: context)
        }
        planSockets = subscribers.map { [poller] in ($0, poller.add($0)) }
        autonomy = settings.autonomy
        lastPlan = MonotonicClock.nanoseconds()
        timerReady = poller.add(timer)
        controlReady = poller.add(control)
        sampler = VectorSampler(
            models: agent.repository.models, classes: agent.configuration.classes,
            workersPerDomain: agent.plan.domains.map(\.workers.count), start: agent.bridge.clusterSnapshot())
        nextReport = MonotonicClock.nanoseconds() + interval.nanoseconds
        modelNames = agent.repository.models.map(\.name)
        placements = PlacementApplier(agent: agent)
        routing = settings.routing
    }

    /// A socket of `type` connected to one of `coordinator`'s endpoints:
    /// a DEALER keeps only a few reports for a coordinator that does not
    /// read, a SUB takes every cluster message (they all start `ESCL`).
    private static func socket(
        _ type: SocketType, to coordinator: AgentConfiguration.Cluster.Coordinator, at endpoint: ZeroMQEndpoint,
        identity: ClusterIdentity, context: Context
    ) throws(AgentError) -> Socket {
        do {
            let socket = try Socket(type, in: context)
            if type == .subscriber {
                try socket.set(.subscribe(FrameHeader.magic))
            } else {
                try socket.set(.sendHighWaterMark(4))
            }
            try socket.set(.linger(.zero))
            if let keyPair = identity.keyPair, let keyFile = coordinator.publicKeyFile {
                let serverKey = try CurveKeyFile.key(
                    at: keyFile, for: "cluster.coordinators[\(coordinator.id)].public_key_file")
                try socket.set(.curveClient(serverKey: serverKey, keyPair: keyPair))
            }
            try socket.connect(endpoint.description)
            return socket
        } catch let error as ZeroMQError {
            throw AgentError(.startFailed, "cluster: coordinator \(coordinator.id): \(error)")
        } catch let error as AgentError {
            throw error
        } catch {
            throw AgentError(.startFailed, "cluster: coordinator \(coordinator.id): \(error)")
        }
    }

    /// Reports every interval until a ``ClusterControl/stop``.
    func run() {
        while !stopping {
            timer.arm(atMonotonicNanoseconds: nextReport)
            do {
                _ = try poller.wait(timeout: nil)
            } catch {
                agent.logger.error("cluster: \(error); the cluster link stops")
                return
            }
            if poller.events(for: controlReady).contains(.readable) { takeControl() }
            for (index, plan) in planSockets.enumerated() where poller.events(for: plan.ready).contains(.readable) {
                receivePlans(from: index)
            }
            if !stopping, poller.events(for: timerReady).contains(.readable) { sendReport() }
        }
    }

    private func takeControl() {
        control.takeAll(into: &taken)
        if taken.contains(.stop) { stopping = true }
        taken.removeAll(keepingCapacity: true)
    }

    /// Takes every plan waiting on one coordinator's socket.
    private func receivePlans(from index: Int) {
        planSockets[index].socket.drainFrames(logger: agent.logger, subject: "cluster") { take($0) }
    }

    /// Holds a decoded plan newer than the newest held; counts every other
    /// plan and everything undecodable. Heartbeats are for the coordinators.
    private func take(_ frames: [[UInt8]]) {
        let plan: PublishedPlan
        do {
            guard case .plan(let decoded) = try wire.decodeCoordinatorMessage(frames) else { return }
            plan = decoded
        } catch {
            agent.metrics.cluster.recordPlanDropped(error.dropReason)
            agent.logger.debug("cluster: plan dropped: \(error)")
            return
        }
        if let reason = plans.offer(plan) {
            agent.metrics.cluster.recordPlanDropped(reason)
            return
        }
        lastPlan = MonotonicClock.nanoseconds()
        agent.metrics.cluster.recordPlanAccepted(epoch: plan.epoch)
        agent.metrics.cluster.recordAutonomous(false)
        let routes = RouteTable(plan, node: identity.node, models: modelNames, routing: routing)
        agent.forwarder?.update(routes)
        holdsRoutes = true
        placements.apply(plan, for: identity.node)
        agent.logger.info(
            "cluster: plan \(plan.epoch) from \(plan.coordinator): \(plan.nodes.count) nodes, \(plan.routes.count) routes, \(routes.routeCount) from here"
        )
    }

    /// Sends this interval's report to every coordinator; skipped while the
    /// ZeroMQ ingress has no endpoint to advertise yet.
    private func sendReport() {
        let now = MonotonicClock.nanoseconds()
        nextReport = max(nextReport + interval.nanoseconds, now + 1)
        let isAutonomous = now - lastPlan >= autonomy.nanoseconds
        agent.metrics.cluster.recordAutonomous(isAutonomous)
        if isAutonomous, holdsRoutes {
            agent.forwarder?.update(RouteTable(modelCount: modelNames.count))
            holdsRoutes = false
            agent.logger.warning(
                "cluster: no plan for \(DurationText.format(autonomy)) (cluster.autonomy); its routes are dropped, serving alone"
            )
        }
        let vectors = sampler.vectors(at: agent.bridge.clusterSnapshot())
        guard let endpoint = identity.advertise ?? agent.zeroMQEndpoint else { return }
        sequence += 1
        let report = NodeReport(
            node: identity.node, sequence: sequence, publicKey: identity.keyPair?.publicKey.bytes ?? [],
            intervalMilliseconds: UInt32(clamping: interval.nanoseconds / 1_000_000), ingressEndpoint: endpoint,
            demand: vectors.demand, capacity: vectors.capacity, ingressPublicKey: identity.ingressPublicKey)
        let frames: [[UInt8]]
        do {
            frames = try wire.encode(report)
        } catch {
            agent.logger.error("cluster: report \(sequence) not sent: \(error)")
            reportSockets.indices.forEach { record(.dropped, coordinator: $0) }
            return
        }
        for (index, socket) in reportSockets.enumerated() {
            do {
                let messages = try frames.map { frame throws(ZeroMQError) in try Message(copying: frame) }
                record(try socket.send(messages) == .sent ? .sent : .dropped, coordinator: index)
            } catch {
                record(.dropped, coordinator: index)
            }
        }
    }

    private func record(_ result: ClusterMetrics.ReportResult, coordinator: Int) {
        agent.metrics.cluster.recordReport(result, coordinator: coordinator, sequence: sequence)
    }
}
