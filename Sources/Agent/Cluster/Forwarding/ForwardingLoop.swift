import Cluster
import HeapModule
import Inference
import Logging
import Messaging
import Scheduling

/// The thread that forwards this agent's overflow to its routes' peers
/// (docs/cluster-protocol.md, "Forwarding"): a DEALER to each peer's ZeroMQ
/// ingress, the requests sent and not yet answered, and a timer for their
/// deadlines.
///
/// With the plan's routes (`cluster.routing: plan`) an overflow goes to
/// the route's peer whose predicted completion (its
/// last reported queue, plus what this agent sent it and has not had
/// answered, times its estimate over its workers, plus one run, plus
/// ``margin``) meets the remaining deadline, picked by smooth weighted round
/// robin over the shares (with `power-of-two`, to the less busy of two
/// random peers, unchecked); with none, or a peer whose pipe is full, it gets
/// this agent's own refusal at once. The peer's reply is relayed as the
/// answer (naming the peer); without one by the deadline the request is
/// answered `deadline_exceeded` and a late reply is dropped, counted. Every
/// overflow gets exactly one answer, those still waiting when the loop stops
/// included.
///
/// Made on its thread and used only there: sockets are not thread-safe.
final class ForwardingLoop {
    /// What the prediction leaves for the round trip over the network.
    static let margin: Duration = .milliseconds(1)

    private struct PeerSocket {
        let socket: Socket
        let ready: Poller.Registration
        /// Sent there and not yet answered or expired.
        var inFlight = 0
    }

    private struct Pending {
        let overflow: Overflow
        let endpoint: String
        let peer: String
    }

    /// When a forward is answered `deadline_exceeded` (monotonic ns).
    private struct Expiry: Comparable {
        let instant: Int64
        let id: UInt64
        static func < (lhs: Expiry, rhs: Expiry) -> Bool { (lhs.instant, lhs.id) < (rhs.instant, rhs.id) }
    }

    private let agent: Agent
    private let forwarder: OverflowForwarder
    private let context: Context
    private let poller = Poller()
    private let control: HandoffQueue<ClusterControl>
    private let controlReady: Poller.Registration
    private let workReady: Poller.Registration
    private let timer: PollTimer
    private let timerReady: Poller.Registration
    /// The key pair a forwarding socket to a CURVE ingress authenticates
    /// with: the agent's cluster pair, or one made for this run (an ingress
    /// encrypts; it keeps no allow-list).
    private let keyPair: CurveKeyPair
    private var routes: RouteTable
    private var peers: [String: PeerSocket] = [:]
    private var pending: [UInt64: Pending] = [:]
    private var expiries = Heap<Expiry>()
    private var nextID: UInt64 = 1
    private var taken: [ForwardingWork] = []
    private var controls: [ClusterControl] = []
    private var stopping = false

    /// A loop for `forwarder`'s work; the error names what ZeroMQ could not make.
    init(agent: Agent, forwarder: OverflowForwarder, context: Context, control: HandoffQueue<ClusterControl>)
        throws(AgentError)
    {
        self.agent = agent
        self.forwarder = forwarder
        self.context = context
        self.control = control
        do {
            timer = try PollTimer()
        } catch {
            throw AgentError(.startFailed, "cluster: forwarding: \(error)")
        }
        if let path = agent.configuration.cluster?.curveSecretKeyFile {
            keyPair = try CurveKeyFile.keyPair(secretAt: path, for: "cluster.curve_secret_key_file")
        } else {
            do {
                keyPair = try CurveKeyPair.generate()
            } catch {
                throw AgentError(.startFailed, "cluster: forwarding: \(error)")
            }
        }
        routes = RouteTable(modelCount: agent.repository.models.count)
        controlReady = poller.add(control)
        workReady = poller.add(forwarder.work)
        timerReady = poller.add(timer)
    }

    /// Forwards until a ``ClusterControl/stop``, then answers what is left.
    func run() {
        while !stopping {
            if let next = expiries.min?.instant { timer.arm(atMonotonicNanoseconds: next) } else { timer.disarm() }
            do {
                _ = try poller.wait(timeout: nil)
            } catch {
                agent.logger.error("cluster: forwarding: \(error); forwarding stops")
                break
            }
            if poller.events(for: controlReady).contains(.readable) { takeControl() }
            for endpoint in Array(peers.keys) {
                guard let peer = peers[endpoint], poller.events(for: peer.ready).contains(.readable) else { continue }
                peer.socket.drainMessages(logger: agent.logger, subject: "cluster: forwarding: from \(endpoint)") {
                    relay($0)
                }
            }
            if poller.events(for: workReady).contains(.readable) { takeWork() }
            if poller.events(for: timerReady).contains(.readable) { expire(before: MonotonicClock.nanoseconds()) }
        }
        finish()
    }

    private func takeControl() {
        control.takeAll(into: &controls)
        if controls.contains(.stop) { stopping = true }
        controls.removeAll(keepingCapacity: true)
    }

    private func takeWork() {
        forwarder.work.takeAll(into: &taken)
        for work in taken {
            switch work {
            case .overflow(let overflow): forward(overflow)
            case .routes(let table): adopt(table)
            }
        }
        taken.removeAll(keepingCapacity: true)
    }

    // MARK: Routes

    /// Takes the newest plan's routes, keeping each peer's credit; a socket
    /// is made for every peer the first time a route names it.
    private func adopt(_ table: RouteTable) {
        var table = table
        for model in table.peers.indices {
            for index in table.peers[model].indices {
                let node = table.peers[model][index].route.node
                if let old = routes.peers[model].first(where: { $0.route.node == node }) {
                    table.peers[model][index].credit = old.credit
                }
                connect(to: table.peers[model][index].route)
            }
        }
        routes = table
    }

    /// A DEALER to `peer`'s ingress, a CURVE client of the key the peer
    /// reported for it, if any.
    private func connect(to peer: RoutePeer) {
        let endpoint = peer.ingressEndpoint
        guard peers[endpoint] == nil else { return }
        do {
            let socket = try Socket(.dealer, in: context)
            try socket.set(.linger(.zero))
            try socket.set(.immediate(true))
            try socket.set(.sendHighWaterMark(1_000))
            try socket.set(.maximumMessageSize(agent.configuration.zeromq.maxMessageBytes))
            if !peer.ingressPublicKey.isEmpty {
                try socket.set(.curveClient(serverKey: try CurveKey(bytes: peer.ingressPublicKey), keyPair: keyPair))
            }
            try socket.connect(endpoint)
            peers[endpoint] = PeerSocket(socket: socket, ready: poller.add(socket))
        } catch {
            agent.logger.warning("cluster: forwarding: no socket to \(endpoint): \(error)")
        }
    }

    // MARK: Forwarding

    /// Sends `overflow` to a peer that can finish it in time, or answers it
    /// with this agent's refusal.
    private func forward(_ overflow: Overflow) {
        let now = MonotonicClock.nanoseconds()
        let model = overflow.task.model.index
        let remaining = overflow.deadline.map { Double($0 - now) / 1e6 }
        guard remaining.map({ $0 > 0 }) ?? true, let pick = pickPeer(for: model, remaining: remaining) else {
            agent.metrics.cluster.recordForward(.noPeer)
            overflow.answer(.failure(overflow.refusal))
            return
        }
        let peer = routes.peers[model][pick].route
        let id = nextID
        nextID &+= 1
        guard let frames = frames(of: overflow, id: id, remainingMilliseconds: remaining),
            let socket = peers[peer.ingressEndpoint]?.socket,
            (try? socket.send(frames)) == .sent
        else {
            agent.metrics.cluster.recordForward(.notSent)
            overflow.answer(.failure(overflow.refusal))
            return
        }
        agent.metrics.cluster.recordForward(.sent)
        peers[peer.ingressEndpoint]?.inFlight += 1
        let expiry = overflow.deadline ?? now + agent.configuration.limits.maxTimeout.nanoseconds
        pending[id] = Pending(overflow: overflow, endpoint: peer.ingressEndpoint, peer: peer.node.name)
        expiries.insert(Expiry(instant: expiry, id: id))
    }

    /// The peer to send to, as the table's routing picks it.
    private func pickPeer(for model: Int, remaining: Double?) -> Int? {
        switch routes.routing {
        case .plan: return pickRoutePeer(for: model, remaining: remaining)
        case .powerOfTwo: return pickOfTwo(for: model)
        case .off: return nil
        }
    }

    /// Power of two choices: of two peers drawn at random, the one with
    /// fewer of this agent's requests outstanding (the first on a tie).
    private func pickOfTwo(for model: Int) -> Int? {
        let count = routes.peers[model].count
        guard count > 1 else { return count == 1 ? 0 : nil }
        let first = Int.random(in: 0..<count)
        let second = (first + Int.random(in: 1..<count)) % count
        func outstanding(_ index: Int) -> Int { peers[routes.peers[model][index].route.ingressEndpoint]?.inFlight ?? 0 }
        return outstanding(second) < outstanding(first) ? second : first
    }

    /// The route's peer to send to: among those predicted to finish within
    /// `remaining` ms (any, without a deadline), the one with the most credit.
    private func pickRoutePeer(for model: Int, remaining: Double?) -> Int? {
        let margin = Double(Self.margin.nanoseconds) / 1e6
        var eligible: [Int] = []
        var total = 0.0
        for (index, candidate) in routes.peers[model].enumerated() {
            let sent = peers[candidate.route.ingressEndpoint]?.inFlight ?? 0
            let completion = candidate.route.predictedCompletionMilliseconds(sentBefore: sent) + margin
            guard remaining.map({ completion <= $0 }) ?? true else { continue }
            eligible.append(index)
            total += candidate.route.share
        }
        guard !eligible.isEmpty else { return nil }
        for index in eligible { routes.peers[model][index].credit += routes.peers[model][index].route.share }
        guard let pick = eligible.max(by: { routes.peers[model][$0].credit < routes.peers[model][$1].credit }) else {
            return nil
        }
        routes.peers[model][pick].credit -= total
        return pick
    }

    /// The request's frames with the remaining deadline and the forwarded
    /// flag; each input's bytes are copied once, into libzmq's frame. Nil:
    /// a name too long for the protocol, or libzmq had no memory.
    private func frames(of overflow: Overflow, id: UInt64, remainingMilliseconds: Double?) -> [Message]? {
        let task = overflow.task
        let model = agent.repository.models[task.model.index]
        let header = InferRequestHeader(
            id: id, timeoutMicroseconds: remainingMilliseconds.map { UInt64(max(1, ($0 * 1000).rounded(.down))) } ?? 0,
            noDowngrade: !task.allowDowngrade, inputCount: task.inputs.count, model: model.name,
            priority: agent.configuration.classes[task.priorityClass.index].name,
            lowestVariant: task.lowestVariant.map { model.variants[$0].name } ?? "",
            pinnedVariant: task.pinnedVariant.map { model.variants[$0].name } ?? "", forwarded: true)
        do {
            var frames = [try Message(copying: try header.frame())]
            frames.reserveCapacity(1 + 2 * task.inputs.count)
            for input in task.inputs {
                var tensorHeader = FrameWriter(capacity: ProtocolV1.tensorHeaderSize + 8 * input.shape.count + 32)
                TensorHeader.write(input, into: &tensorHeader)
                frames.append(try Message(copying: tensorHeader.frame))
                frames.append(try Message(copying: input.bytes))
            }
            return frames
        } catch {
            agent.logger.warning("cluster: forwarding: \(model.name) not forwarded: \(error)")
            return nil
        }
    }

    // MARK: Replies

    /// Answers the request a peer's reply is for; a reply that matches none
    /// (it came after the deadline) is counted and dropped.
    private func relay(_ frames: [Message]) {
        let header: InferReplyHeader
        do {
            header = try frames[0].withUnsafeBytes { bytes throws(AgentError) in
                try InferReplyHeader(reading: bytes, as: AgentError.self)
            }
        } catch {
            agent.metrics.cluster.recordForwardReply(.malformed)
            agent.logger.debug("cluster: forwarding: a reply dropped: \(error)")
            return
        }
        guard let forwarded = pending.removeValue(forKey: header.id) else {
            agent.metrics.cluster.recordForwardReply(.late)
            return
        }
        peers[forwarded.endpoint]?.inFlight -= 1
        switch PeerReplyDecoding.answer(
            frames, header: header, peer: forwarded.peer, limits: agent.configuration.limits.tensors)
        {
        case .success(let reply):
            agent.metrics.cluster.recordForwardReply(reply.isSuccess ? .answered : .refused)
            forwarded.overflow.answer(reply)
        case .failure(let error):
            agent.metrics.cluster.recordForwardReply(.malformed)
            var refusal = forwarded.overflow.refusal
            refusal.message += " (forwarded to \(forwarded.peer), whose reply did not follow the protocol: \(error))"
            forwarded.overflow.answer(.failure(refusal))
        }
    }

    // MARK: Deadlines

    /// Answers `deadline_exceeded` every forward due by `now` without a reply.
    private func expire(before now: Int64) {
        while let next = expiries.min, next.instant <= now {
            expiries.removeMin()
            guard let forwarded = pending.removeValue(forKey: next.id) else { continue }
            peers[forwarded.endpoint]?.inFlight -= 1
            agent.metrics.cluster.recordForwardReply(.timedOut)
            let model = agent.repository.models[forwarded.overflow.task.model.index].name
            forwarded.overflow.answer(
                .failure(
                    InferenceRefusal(
                        .deadlineExceeded,
                        "\(model): forwarded to \(forwarded.peer), which had not answered by the deadline")))
        }
    }

    /// Closes the gate, then answers what is left: overflow handed and not
    /// yet taken gets this agent's refusal, forwards still out get
    /// `shutting_down`.
    private func finish() {
        forwarder.close()
        forwarder.work.takeAll(into: &taken)
        for case .overflow(let overflow) in taken { overflow.answer(.failure(overflow.refusal)) }
        taken.removeAll()
        for (_, forwarded) in pending {
            let model = agent.repository.models[forwarded.overflow.task.model.index].name
            forwarded.overflow.answer(
                .failure(
                    InferenceRefusal(
                        .shuttingDown, "\(model): forwarded to \(forwarded.peer); the agent stopped before its answer"))
            )
        }
        pending.removeAll()
    }
}

extension Result {
    fileprivate var isSuccess: Bool {
        if case .success = self { true } else { false }
    }
}
