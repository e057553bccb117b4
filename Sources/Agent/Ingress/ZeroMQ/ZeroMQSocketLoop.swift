import DequeModule
import Inference
import Logging
import Messaging
import Placement
import Topology

/// The thread that owns the ZeroMQ ingress's ROUTER socket (docs/protocol.md):
/// it receives requests, decodes them (each field read once, a tensor's data
/// copied once into the runtime's bytes), hands them to the agent a batch at
/// a time, and sends the replies other threads encoded and pushed onto its
/// outbox. It never blocks on a peer: a reply the ROUTER cannot route (peer
/// gone, its pipe full) is counted and dropped.
///
/// Made on its thread and used only there: the socket is not thread-safe,
/// and the outbox (a ``HandoffQueue``) is how every other thread reaches it.
final class ZeroMQSocketLoop {
    /// Messages received in one round before the batch goes to the agent
    /// and replies are sent: enough to cut lock and wake-up costs under
    /// load, few enough that a flood from one peer delays no one's replies.
    static let batchLimit = 64
    /// How often replies waiting for a full pipe are tried again.
    static let backlogRetry = Duration.milliseconds(1)

    let endpoint: String
    private let agent: Agent
    private let socket: Socket
    private let poller = Poller()
    private let outbox: HandoffQueue<ZeroMQOutgoing>
    private let socketReady: Poller.Registration
    private let outboxReady: Poller.Registration
    private let limits: TensorLimits
    private let maxInFlightPerPeer: Int
    private let replySpin: Duration
    /// Spinning for replies pays while every request in flight is running
    /// (no more than the workers): past that, answers arrive in bursts the
    /// poller batches anyway, and a spinning thread takes a core from them.
    private let spinWhileInFlightAtMost: Int
    /// Requests of all peers sent to the agent and not yet answered.
    private var inFlightTotal = 0
    /// Replies kept for one peer whose pipe is full: as many again as libzmq holds for it.
    private let maxBacklogPerPeer: Int
    /// Requests of each peer sent to the agent and not yet answered.
    private var inFlight: [PeerKey: Int] = [:]
    /// Reused between rounds, so a busy loop allocates no lists.
    private var outgoing: [ZeroMQOutgoing] = []
    private var batch: [(InferenceCall, @Sendable (Result<InferenceAnswer, AgentError>) -> Void)] = []
    /// Replies whose peer's pipe was full, in order, tried again every
    /// ``backlogRetry``: a peer that reads slowly still gets every answer; one
    /// that never reads fills its share and loses the rest, counted.
    private var backlog: [PeerKey: Deque<[Message]>] = [:]
    private var stopping = false

    /// Makes the socket with the agent's ZeroMQ settings and binds it; the
    /// error names the endpoint, the option or the key file.
    init(agent: Agent, context: Context, endpoint: ZeroMQEndpoint, outbox: HandoffQueue<ZeroMQOutgoing>)
        throws(AgentError)
    {
        self.agent = agent
        self.outbox = outbox
        let settings = agent.configuration.zeromq
        limits = agent.configuration.limits.tensors
        maxInFlightPerPeer = settings.maxInFlightPerPeer
        replySpin = settings.replySpin
        spinWhileInFlightAtMost = agent.plan.domains.reduce(0) { $0 + $1.workers.count }
        maxBacklogPerPeer = settings.sendHighWaterMark
        do {
            socket = try Socket(.router, in: context)
            try socket.set(.routerMandatory(true))
            try socket.set(.sendHighWaterMark(settings.sendHighWaterMark))
            try socket.set(.maximumMessageSize(settings.maxMessageBytes))
            try socket.set(.heartbeatInterval(settings.heartbeatInterval))
            try socket.set(.heartbeatTimeout(settings.heartbeatTimeout))
            try socket.set(.heartbeatTimeToLive(settings.heartbeatTimeout))
            if let keyFile = settings.curveSecretKeyFile {
                try socket.set(
                    .curveServer(try CurveKeyFile.keyPair(secretAt: keyFile, for: "zeromq.curve_secret_key_file")))
            }
            try socket.bind(endpoint.description)
            self.endpoint = try socket.lastEndpoint
        } catch let error as ZeroMQError {
            throw AgentError(.startFailed, "zeromq: \(error)")
        } catch let error as AgentError {
            throw error
        } catch {
            throw AgentError(.startFailed, "zeromq: \(error)")
        }
        socketReady = poller.add(socket)
        outboxReady = poller.add(outbox)
    }

    /// Serves until a ``ZeroMQOutgoing/stop`` has been taken from the
    /// outbox, after sending everything handed over before it; replies still
    /// waiting for a full pipe then are counted unroutable.
    func run() {
        while !stopping {
            if replySpin > .zero, inFlightTotal > 0, inFlightTotal <= spinWhileInFlightAtMost {
                _ = outbox.spinUntilPushed(for: replySpin)
            }
            do {
                _ = try poller.wait(timeout: backlog.isEmpty ? nil : Self.backlogRetry)
            } catch {
                agent.logger.error("zeromq: \(error); the ingress stops")
                return
            }
            if !backlog.isEmpty { retryBacklog() }
            if poller.events(for: outboxReady).contains(.readable) { sendReplies() }
            if poller.events(for: socketReady).contains(.readable) { receiveRequests() }
        }
        for waiting in backlog.values {
            waiting.forEach { _ in agent.metrics.recordZeroMQDrop(.unroutable) }
        }
        try? socket.set(.linger(.seconds(1)))
    }

    // MARK: Replies

    private func sendReplies() {
        outbox.takeAll(into: &outgoing)
        for item in outgoing {
            switch item {
            case .stop: stopping = true
            case .reply(let routingID, let frames, let peer):
                release(peer)
                guard let frames else {
                    agent.metrics.recordZeroMQDrop(.unroutable)
                    continue
                }
                send([routingID] + frames, to: peer)
            }
        }
        outgoing.removeAll(keepingCapacity: true)
    }

    /// Sends a reply, or keeps it while the peer's pipe is full (behind any
    /// it already waits with, so a peer's replies keep their order).
    private func send(_ frames: [Message], to peer: PeerKey) {
        if backlog[peer] != nil {
            keep(frames, for: peer)
            return
        }
        do {
            if try socket.send(frames) == .wouldBlock { keep(frames, for: peer) }
        } catch {
            agent.metrics.recordZeroMQDrop(.unroutable)
        }
    }

    private func keep(_ frames: [Message], for peer: PeerKey) {
        guard backlog[peer, default: []].count < maxBacklogPerPeer else {
            agent.metrics.recordZeroMQDrop(.unroutable)
            return
        }
        backlog[peer, default: []].append(frames)
    }

    /// Sends what waits for each peer until its pipe is full again; a peer
    /// that is gone loses what waits for it, counted.
    private func retryBacklog() {
        for peer in Array(backlog.keys) {
            guard var waiting = backlog[peer] else { continue }
            backlog[peer] = nil
            while let frames = waiting.first {
                do {
                    guard try socket.send(frames) == .sent else { break }
                    waiting.removeFirst()
                } catch {
                    waiting.forEach { _ in agent.metrics.recordZeroMQDrop(.unroutable) }
                    waiting.removeAll()
                }
            }
            if !waiting.isEmpty { backlog[peer] = waiting }
        }
    }

    private func release(_ peer: PeerKey) {
        guard let count = inFlight[peer] else { return }
        inFlightTotal -= 1
        inFlight[peer] = count > 1 ? count - 1 : nil
    }

    // MARK: Requests

    /// Receives what is queued, up to ``batchLimit`` messages, and hands the
    /// decoded requests to the agent in one batch.
    private func receiveRequests() {
        for _ in 0..<Self.batchLimit {
            let message: [Message]?
            do {
                message = try socket.receive()
            } catch {
                agent.logger.error("zeromq: \(error)")
                break
            }
            guard let message else { break }
            accept(message)
        }
        guard !batch.isEmpty else { return }
        agent.submit(batch)
        batch.removeAll(keepingCapacity: true)
    }

    /// Decodes one message (routing id, an optional delimiter, the request)
    /// and adds it to the batch, or answers or drops it at once.
    private func accept(_ message: [Message]) {
        guard let routingID = message.first else { return }
        let delimited = message.count > 1 && message[1].count == 0
        let body = message[(delimited ? 2 : 1)...]
        let decoded = Message.withUnsafeBytes(of: body) { frames in
            Result { () throws(ZeroMQDecodingFailure) in try ZeroMQRequestDecoding.decode(frames, limits: limits) }
        }
        let peer = routingID.withUnsafeBytes(PeerKey.init)
        switch decoded {
        case .failure(let failure) where !failure.isAnswered:
            agent.metrics.recordZeroMQDrop(.undecodable)
        case .failure(let failure):
            answerNow(failure.error, id: failure.id, to: routingID, delimited: delimited, peer: peer)
        case .success(let request):
            let count = inFlight[peer, default: 0]
            guard count < maxInFlightPerPeer else {
                let error = AgentError(
                    .inFlightLimit,
                    "this connection has \(count) requests unanswered (zeromq.max_in_flight_per_peer)")
                answerNow(error, id: request.id, to: routingID, delimited: delimited, peer: peer)
                return
            }
            inFlight[peer] = count + 1
            inFlightTotal += 1
            batch.append(
                (request.call, answerer(id: request.id, routingID: routingID, delimited: delimited, peer: peer)))
        }
    }

    /// Sends the refusal of a request the agent never saw.
    private func answerNow(_ error: AgentError, id: UInt64, to routingID: Message, delimited: Bool, peer: PeerKey) {
        agent.noteRejected(error, ingress: .zeromq)
        guard
            let frames = Self.frames(
                ZeroMQReplyEncoding.encode(error, id: id, node: agent.nodeName), delimited: delimited)
        else {
            agent.metrics.recordZeroMQDrop(.unroutable)
            return
        }
        send([routingID] + frames, to: peer)
    }

    /// The function that answers request `id`: it encodes the answer on the
    /// thread that decided it and pushes the frames onto the outbox.
    private func answerer(id: UInt64, routingID: Message, delimited: Bool, peer: PeerKey)
        -> @Sendable (Result<InferenceAnswer, AgentError>) -> Void
    {
        { [outbox, agent] result in
            let encoded: [[UInt8]]
            switch result {
            case .success(let answer): encoded = ZeroMQReplyEncoding.encode(answer, id: id)
            case .failure(let error):
                agent.noteRejected(error, ingress: .zeromq)
                encoded = ZeroMQReplyEncoding.encode(error, id: id, node: agent.nodeName)
            }
            outbox.push(.reply(routingID: routingID, frames: Self.frames(encoded, delimited: delimited), peer: peer))
        }
    }

    /// The frames of a reply, a delimiter first when the request had one,
    /// each copied once into libzmq's memory (one `memcpy`; frames of up to
    /// 33 bytes libzmq keeps inline); nil when libzmq has no memory for one.
    private static func frames(_ encoded: [[UInt8]], delimited: Bool) -> [Message]? {
        var frames: [Message] = []
        frames.reserveCapacity(encoded.count + 1)
        if delimited { frames.append(Message()) }
        for bytes in encoded {
            guard let frame = try? Message(copying: bytes) else { return nil }
            frames.append(frame)
        }
        return frames
    }
}
