import Inference
import Messaging
import NIOCore

/// One run over ZeroMQ on the thread that calls ``run(lead:)``, which owns
/// the DEALER sockets, their poller and the arrival timer: libzmq sockets
/// are not thread-safe, so every socket call stays on that one thread.
///
/// Steps: at each arrival's intended time (a timerfd armed to the
/// nanosecond) the request is counted as offered and sent on the next
/// socket in turn, its id and class kept in flight; a socket whose queue is
/// at its high-water mark is passed over, and when every one is, requests
/// wait (first in, first out) until one turns writable. Replies are matched
/// to requests in flight by id, in whatever order they come. After the last
/// arrival the session waits for the outstanding replies, at most the plan's
/// drain limit, then counts what is left as `no_answer`. A reply to no
/// request in flight (one that came after its request was given up) is
/// dropped. Latency counts from the intended send time, so a full queue or a
/// late wake-up shows in it.
final class ZeroMQSession {
    private struct Request {
        var classIndex: Int
        var sequence: Int
        /// The intended send time, monotonic nanoseconds.
        var intended: Int64
        /// The request id on the wire: the sequence from 1, since a reply's id 0 means "unreadable".
        var id: UInt64 { UInt64(sequence) + 1 }
    }

    private let plan: LoadPlan
    private let endpoint: ZeroMQEndpoint
    private let pool: ZeroMQRequestPool
    private var ledger: LoadLedger
    private var origin: Int64 = 0
    private var inFlight: [UInt64: Request] = [:]
    private var waiting = CircularBuffer<Request>()
    private var nextSocket = 0
    private var sendingEnded: Int64?
    private var drainDeadline = Int64.max

    /// A session of `plan` (validated) to `endpoint`, sending `pool`'s requests; `accuracies` (nil: none
    /// known) value the on-time answers.
    init(plan: LoadPlan, endpoint: ZeroMQEndpoint, pool: ZeroMQRequestPool, accuracies: VariantAccuracies?) {
        self.plan = plan
        self.endpoint = endpoint
        self.pool = pool
        ledger = LoadLedger(plan: plan, accuracies: accuracies)
    }

    /// Connects, sends on the schedule starting `lead` from now, and returns the report once every request
    /// has its outcome. Blocks the calling thread, which owns the sockets throughout.
    /// - Throws: ``LoadError/Kind/socketFailed`` naming the endpoint when libzmq refuses the endpoint or a
    ///   socket call fails; refusals and missing replies are outcomes, not errors.
    @available(*, noasync)
    func run(lead: Duration = .milliseconds(20)) throws(LoadError) -> LoadReport {
        do {
            return try loop(lead: lead)
        } catch {
            throw LoadError(.socketFailed, "--endpoint \(endpoint): \(error)")
        }
    }

    private func loop(lead: Duration) throws(ZeroMQError) -> LoadReport {
        let context = try Context()
        var sockets: [Socket] = []
        let poller = Poller()
        var registrations: [Poller.Registration] = []
        for _ in 0..<plan.connections {
            let socket = try Socket(.dealer, in: context)
            try socket.connect(endpoint.description)
            registrations.append(poller.add(socket))
            sockets.append(socket)
        }
        let timer = try PollTimer()
        let timerRegistration = poller.add(timer)
        origin = MonotonicClock.nanoseconds() + lead.nanosecondsClamped
        armTimer(timer)
        while true {
            let now = MonotonicClock.nanoseconds()
            if now >= drainDeadline || (sendingEnded != nil && waiting.isEmpty && inFlight.isEmpty) {
                return finish(at: now)
            }
            _ = try poller.wait(timeout: drainDeadline == .max ? nil : .nanoseconds(drainDeadline - now))
            if poller.events(for: timerRegistration).contains(.readable) {
                try arrivalsDue(on: sockets)
                armTimer(timer)
            }
            var writable = false
            for (socket, registration) in zip(sockets, registrations) {
                let events = poller.events(for: registration)
                if events.contains(.readable) {
                    while let frames = try socket.receive() { received(frames, at: MonotonicClock.nanoseconds()) }
                }
                writable = writable || events.contains(.writable)
            }
            if writable { try sendWaiting(on: sockets) }
            for registration in registrations {
                poller.watch(registration, for: waiting.isEmpty ? .readable : [.readable, .writable])
            }
        }
    }

    /// Arms `timer` for the next arrival, or, after the last, starts the drain.
    private func armTimer(_ timer: PollTimer) {
        if let offset = ledger.nextOffset {
            timer.arm(atMonotonicNanoseconds: origin + offset)
        } else if sendingEnded == nil {
            timer.disarm()
            let now = MonotonicClock.nanoseconds()
            sendingEnded = now
            let (deadline, overflow) = now.addingReportingOverflow(plan.drainLimit.nanosecondsClamped)
            drainDeadline = overflow ? .max : deadline
        }
    }

    private func arrivalsDue(on sockets: [Socket]) throws(ZeroMQError) {
        let elapsed = MonotonicClock.nanoseconds() - origin
        while let due = ledger.takeArrival(dueBy: elapsed) {
            let request = Request(classIndex: due.classIndex, sequence: due.sequence, intended: origin + due.offset)
            let sent = waiting.isEmpty ? try send(request, on: sockets) : false
            if !sent { waiting.append(request) }
        }
    }

    private func sendWaiting(on sockets: [Socket]) throws(ZeroMQError) {
        while let request = waiting.first, try send(request, on: sockets) {
            waiting.removeFirst()
        }
    }

    /// Sends `request` on the first socket from the next in turn that has room; false when none has.
    private func send(_ request: Request, on sockets: [Socket]) throws(ZeroMQError) -> Bool {
        let frames = try pool.frames(classIndex: request.classIndex, sequence: request.sequence, id: request.id)
        for step in 0..<sockets.count {
            let index = (nextSocket + step) % sockets.count
            if try sockets[index].send(frames) == .sent {
                nextSocket = (index + 1) % sockets.count
                inFlight[request.id] = request
                return true
            }
        }
        return false
    }

    private func received(_ frames: [Message], at now: Int64) {
        let reply: ZeroMQReply
        do {
            reply = try ZeroMQReply(frames: frames)
        } catch {
            if let id = ZeroMQReply.requestID(in: frames), let request = inFlight.removeValue(forKey: id) {
                ledger.record(.failed(kind: Outcome.badReply), classIndex: request.classIndex)
            }
            return
        }
        guard let request = inFlight.removeValue(forKey: reply.id) else { return }
        let latency = UInt64(max(0, now - request.intended) / 1000)
        ledger.record(
            Outcome.classify(
                status: Int(reply.status), reason: reply.reason, variant: reply.variant, latency: latency),
            classIndex: request.classIndex)
    }

    /// Counts every request still waiting or in flight as `no_answer` and makes the report.
    private func finish(at now: Int64) -> LoadReport {
        while let request = waiting.popFirst() {
            ledger.record(.failed(kind: Outcome.noAnswer), classIndex: request.classIndex)
        }
        for request in inFlight.values {
            ledger.record(.failed(kind: Outcome.noAnswer), classIndex: request.classIndex)
        }
        inFlight.removeAll()
        return ledger.report(drainSeconds: Double(now - (sendingEnded ?? now)) / 1e9)
    }
}
