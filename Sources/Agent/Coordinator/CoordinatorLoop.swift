import Cluster
import Inference
import Logging
import Messaging
import Scheduling

/// The thread that owns a coordinator's sockets (docs/cluster-protocol.md):
/// a ROUTER where agents' reports arrive, a PUB where its plans and
/// heartbeats go out, and a SUB to each peer coordinator's PUB for theirs.
/// Each interval it drops silent nodes, decides its role, plans, and
/// publishes the plan when active and a heartbeat always. A standby plans
/// too, from the same reports, so a takeover starts from a warm plan.
/// Anything that does not decode is counted and dropped. With CURVE keys
/// every socket is encrypted and a ZAP handler on this thread lets in only
/// the allow-listed agents (and, on the PUB, the peers).
///
/// Made on its thread and used only there: sockets are not thread-safe, and
/// the control queue is how the coordinator reaches it.
final class CoordinatorLoop {
    private let coordinator: Coordinator
    private let own: NodeID
    private let reports: Socket
    private let publisher: Socket
    private let peers: Socket
    private let keys: CoordinatorKeys?
    /// The ZAP handler and its socket, with CURVE.
    private let authentication: (socket: Socket, ready: Poller.Registration, handler: ZAPHandler)?
    private let poller = Poller()
    private let reportsReady: Poller.Registration
    private let peersReady: Poller.Registration
    private let timer: PollTimer
    private let timerReady: Poller.Registration
    private let control: HandoffQueue<ClusterControl>
    private let controlReady: Poller.Registration
    private let wire = ClusterWire()
    private var book: ReportBook
    private var election: CoordinatorElection
    private var previous: SitePlan?
    private var nextRound: Int64
    private var stopping = false
    private var taken: [ClusterControl] = []

    /// Makes and binds the sockets; the error names the endpoint.
    init(coordinator: Coordinator, context: Context, control: HandoffQueue<ClusterControl>) throws(AgentError) {
        let configuration = coordinator.configuration
        self.coordinator = coordinator
        self.control = control
        let keys = try CoordinatorKeys.read(for: configuration)
        self.keys = keys
        do {
            own = try NodeID(configuration.id)
            // The ZAP handler is bound first: libzmq asks it about every
            // CURVE connection from the moment the sockets are bound.
            if let keys {
                let zap = try Self.socket(.reply, in: context)
                try zap.bind(ZAPHandler.endpoint)
                authentication = (zap, poller.add(zap), ZAPHandler(keys: keys))
            } else {
                authentication = nil
            }
            reports = try Self.socket(.router, in: context, server: keys, domain: .reports)
            try reports.bind(configuration.reports.description)
            publisher = try Self.socket(.publisher, in: context, server: keys, domain: .plans)
            try publisher.bind(configuration.plans.description)
            peers = try Self.socket(.subscriber, in: context)
            try peers.set(.subscribe(FrameHeader.magic))
            for peer in configuration.peers {
                // libzmq takes the server key at each connect, so one SUB serves every peer.
                if let keys, let serverKey = keys.peers[peer.id] {
                    try peers.set(.curveClient(serverKey: serverKey, keyPair: keys.keyPair))
                }
                try peers.connect(peer.plans.description)
            }
            timer = try PollTimer()
        } catch {
            throw AgentError(.startFailed, "coordinator \(configuration.id): \(error)")
        }
        book = ReportBook(allowedNodes: configuration.agents)
        let now = MonotonicClock.nanoseconds()
        election = CoordinatorElection(own: own, takeover: configuration.takeover, now: Instant(nanoseconds: now))
        nextRound = now + configuration.interval.nanoseconds
        reportsReady = poller.add(reports)
        peersReady = poller.add(peers)
        timerReady = poller.add(timer)
        controlReady = poller.add(control)
    }

    /// A socket that never lingers on close. libzmq drops a peer that sends a
    /// frame past twice the largest payload; one past the largest alone is
    /// read, counted `oversized` and dropped.
    /// With `server` keys the socket is a CURVE server whose clients the ZAP
    /// handler checks under `domain`.
    private static func socket(
        _ type: SocketType, in context: Context, server: CoordinatorKeys? = nil, domain: ZAPHandler.Domain? = nil
    ) throws(ZeroMQError) -> Socket {
        let socket = try Socket(type, in: context)
        try socket.set(.linger(.zero))
        if let server, let domain {
            try socket.set(.zapDomain(domain.rawValue))
            try socket.set(.curveServer(server.keyPair))
        }
        if type != .publisher {
            try socket.set(.maximumMessageSize(2 * WireLimits().maximumPayloadBytes))
        }
        return socket
    }

    /// Plans every interval until a ``ClusterControl/stop``.
    func run() {
        while !stopping {
            timer.arm(atMonotonicNanoseconds: nextRound)
            do {
                _ = try poller.wait(timeout: nil)
            } catch {
                coordinator.logger.error("coordinator: \(error); the coordinator stops")
                return
            }
            if poller.events(for: controlReady).contains(.readable) { takeControl() }
            if let authentication, poller.events(for: authentication.ready).contains(.readable) {
                authenticate(on: authentication.socket, with: authentication.handler)
            }
            if poller.events(for: reportsReady).contains(.readable) { receiveReports() }
            if poller.events(for: peersReady).contains(.readable) { receivePeerMessages() }
            if !stopping, poller.events(for: timerReady).contains(.readable) { runRound() }
        }
    }

    private func takeControl() {
        control.takeAll(into: &taken)
        if taken.contains(.stop) { stopping = true }
        taken.removeAll(keepingCapacity: true)
    }

    /// Answers every waiting ZAP request from the allow-list.
    private func authenticate(on socket: Socket, with handler: ZAPHandler) {
        socket.drainFrames(logger: coordinator.logger, subject: "coordinator: zap") { request in
            let (reply, allowed) = handler.reply(to: request)
            coordinator.metrics.recordAuthentication(allowed: allowed)
            do {
                _ = try socket.send(try reply.map { frame throws(ZeroMQError) in try Message(copying: frame) })
            } catch {
                coordinator.logger.error("coordinator: zap reply not sent: \(error)")
            }
        }
    }

    /// Takes every waiting report; the ROUTER's identity frame comes first.
    /// With CURVE a report is taken only from the connection that
    /// authenticated with its node's key (ZAP's User-Id) and only carrying it.
    private func receiveReports() {
        reports.drainMessages(logger: coordinator.logger, subject: "coordinator") { message in
            let frames = message.map { frame in frame.withUnsafeBytes { Array($0) } }
            let reason: DropReason?
            do throws(ClusterError) {
                let report = try wire.decodeReport(Array(frames.dropFirst()))
                if let keys, !keys.matches(report) || message.last?.property("User-Id") != report.node.name {
                    reason = .unknownNode
                } else {
                    reason = book.offer(report, at: Instant(nanoseconds: MonotonicClock.nanoseconds()))
                }
            } catch {
                reason = error.dropReason
                coordinator.logger.debug("coordinator: report dropped: \(error)")
            }
            coordinator.metrics.recordReport(dropped: reason)
        }
    }

    /// Takes every waiting heartbeat and plan of the peers.
    private func receivePeerMessages() {
        peers.drainFrames(logger: coordinator.logger, subject: "coordinator") { frames in
            do throws(ClusterError) {
                switch try wire.decodeCoordinatorMessage(frames) {
                case .heartbeat(let heartbeat):
                    election.heard(heartbeat, at: Instant(nanoseconds: MonotonicClock.nanoseconds()))
                    coordinator.metrics.recordPeerMessage(.heartbeat)
                case .plan(let plan):
                    election.saw(epoch: plan.epoch)
                    coordinator.metrics.recordPeerMessage(.plan)
                }
            } catch {
                coordinator.metrics.recordPeerMessage(dropped: error.dropReason)
                coordinator.logger.debug("coordinator: peer message dropped: \(error)")
            }
        }
    }

    /// One interval: silent nodes out, role decided, plan made and, when
    /// active, published; then the heartbeat.
    private func runRound() {
        let started = MonotonicClock.nanoseconds()
        nextRound = max(nextRound + coordinator.configuration.interval.nanoseconds, started + 1)
        let now = Instant(nanoseconds: started)
        let dropped = book.dropSilentNodes(at: now)
        for node in dropped { coordinator.logger.notice("coordinator: node \(node) dropped: silent for 3 intervals") }
        let wasActive = election.isActive
        let epoch = election.nextEpoch(at: now)
        if election.isActive != wasActive { logRole() }
        let plan = Planner.plan(
            PlannerInput(
                reports: book.reports, previous: previous, epoch: epoch ?? election.epoch, coordinator: own),
            configuration: coordinator.configuration.planner)
        previous = plan
        let planned = Double(MonotonicClock.nanoseconds() - started) / 1e6
        let published = epoch != nil && publish(PublishedPlan(plan))
        publishHeartbeat()
        coordinator.metrics.recordNodes(live: book.entries.count, dropped: dropped.count)
        coordinator.metrics.recordRound(
            isActive: election.isActive, epoch: election.epoch, planMilliseconds: planned, published: published)
    }

    private func logRole() {
        if election.isActive {
            coordinator.logger.notice("coordinator: \(own) active from epoch \(election.epoch)")
        } else {
            coordinator.logger.notice("coordinator: \(own) stands by at epoch \(election.epoch)")
        }
    }

    /// Sends `plan` to every agent; false when it would not encode.
    private func publish(_ plan: PublishedPlan) -> Bool {
        do {
            try send(try wire.encode(plan))
            return true
        } catch {
            coordinator.logger.error("coordinator: plan \(plan.epoch) not published: \(error)")
            return false
        }
    }

    private func publishHeartbeat() {
        do {
            try send(try wire.encode(election.heartbeat))
        } catch {
            coordinator.logger.error("coordinator: heartbeat not published: \(error)")
        }
    }

    /// A PUB never blocks: a subscriber past its high-water mark misses the message.
    private func send(_ frames: [[UInt8]]) throws {
        _ = try publisher.send(try frames.map { frame throws(ZeroMQError) in try Message(copying: frame) })
    }
}
