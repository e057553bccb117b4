import NIOCore
import NIOHTTP1

/// One run's state on its event loop: the arrival timer, the connections,
/// the requests waiting for one, and the tally.
///
/// Steps: first the plan's `preconnect` connections open (one that fails
/// ends the run with an error naming the server). Then at each arrival's
/// intended time the request is counted as offered and written on a free
/// keep-alive connection, or queued (first in, first out) while a new
/// connection opens (up to the plan's limit) or one comes free. A
/// connection that fails to open fails the oldest waiting request with
/// `connection_error`; one that closes fails its request in flight.
/// After the last arrival the session waits for the outstanding answers, at
/// most the plan's drain limit, then counts what is left as `no_answer`.
/// Latency always counts from the intended send time, so time spent waiting
/// for a connection, or lost by a late timer, shows in it.
final class LoadSession: @unchecked Sendable {
    // Safety: every mutable property is read and written only on `eventLoop`:
    // the timers and the connections' callbacks run there, and `run` hops there.

    private struct Waiting {
        var classIndex: Int
        var sequence: Int
        var intended: NIODeadline
    }

    private final class Connection {
        let channel: any Channel
        var inFlight: Waiting?
        init(channel: any Channel) { self.channel = channel }
    }

    private let plan: LoadPlan
    private let pool: RequestPool
    private let connector: ClientConnector
    private let eventLoop: any EventLoop
    private let promise: EventLoopPromise<LoadReport>

    private var ledger: LoadLedger
    private var origin = NIODeadline.now()
    private var sendingEnded: NIODeadline?
    private var connections: [ObjectIdentifier: Connection] = [:]
    private var idle: [Connection] = []
    private var opening = 0
    private var preconnectFailure: (any Error)?
    private var waiting = CircularBuffer<Waiting>()
    private var drainTimer: Scheduled<Void>?
    private var finished = false

    init(plan: LoadPlan, pool: RequestPool, connector: ClientConnector, accuracies: VariantAccuracies?) {
        self.plan = plan
        self.pool = pool
        self.connector = connector
        eventLoop = connector.eventLoop
        promise = eventLoop.makePromise()
        ledger = LoadLedger(plan: plan, accuracies: accuracies)
    }

    /// Opens the plan's `preconnect` connections, then starts the schedule `lead` from now; the future holds
    /// the report once every request has its outcome.
    func run(lead: TimeAmount = .milliseconds(20)) -> EventLoopFuture<LoadReport> {
        eventLoop.execute {
            guard self.plan.preconnect > 0 else { return self.startSchedule(lead: lead) }
            for _ in 0..<self.plan.preconnect {
                self.openConnection { result in self.preconnected(result, lead: lead) }
            }
        }
        return promise.futureResult
    }

    private func startSchedule(lead: TimeAmount) {
        origin = .now() + lead
        armArrivalTimer()
    }

    private func preconnected(_ result: Result<any Channel, any Error>, lead: TimeAmount) {
        switch result {
        case .success(let channel): opened(channel)
        case .failure(let error): preconnectFailure = preconnectFailure ?? error
        }
        guard opening == 0 else { return }
        guard let failure = preconnectFailure else { return startSchedule(lead: lead) }
        finished = true
        for connection in connections.values { connection.channel.close(promise: nil) }
        promise.fail(
            LoadError(
                .serverUnreachable,
                "--preconnect \(plan.preconnect): cannot connect to \(connector.url) (\(failure)); "
                    + "is the server running, and does it take that many connections?"))
    }

    private func armArrivalTimer() {
        guard let offset = ledger.nextOffset else {
            endSending()
            return
        }
        eventLoop.scheduleTask(deadline: origin + .nanoseconds(offset)) { self.arrivalsDue() }
    }

    private func arrivalsDue() {
        let elapsed = (NIODeadline.now() - origin).nanoseconds
        while let due = ledger.takeArrival(dueBy: elapsed) {
            offer(
                Waiting(classIndex: due.classIndex, sequence: due.sequence, intended: origin + .nanoseconds(due.offset))
            )
        }
        armArrivalTimer()
    }

    private func offer(_ request: Waiting) {
        if let connection = idle.popLast() {
            send(request, on: connection)
            return
        }
        waiting.append(request)
        if connections.count + opening < plan.connections { openConnection() }
    }

    private func openConnection() {
        openConnection { result in
            switch result {
            case .success(let channel):
                self.opened(channel)
            case .failure:
                if let request = self.waiting.popFirst() {
                    self.record(request, .failed(kind: Outcome.connectionError))
                }
                if !self.waiting.isEmpty, self.connections.count + self.opening < self.plan.connections {
                    self.openConnection()
                }
                self.finishIfDone()
            }
        }
    }

    /// Opens one connection; `completed` runs on the event loop once it is open or has failed.
    private func openConnection(completed: @escaping @Sendable (Result<any Channel, any Error>) -> Void) {
        opening += 1
        connector.connect(
            bodyLimit: 4096,
            onResponse: { channel, response in self.answered(response, on: channel) },
            onClose: { channel in self.closed(channel) }
        ).whenComplete { result in
            self.opening -= 1
            completed(result)
        }
    }

    private func opened(_ channel: any Channel) {
        guard !finished, channel.isActive else {
            channel.close(promise: nil)
            if !waiting.isEmpty, connections.count + opening < plan.connections { openConnection() }
            return
        }
        let connection = Connection(channel: channel)
        connections[ObjectIdentifier(channel)] = connection
        freed(connection)
    }

    private func freed(_ connection: Connection) {
        if let request = waiting.popFirst() {
            send(request, on: connection)
        } else {
            idle.append(connection)
            finishIfDone()
        }
    }

    private func send(_ request: Waiting, on connection: Connection) {
        connection.inFlight = request
        let prepared = pool.request(classIndex: request.classIndex, sequence: request.sequence)
        let channel = connection.channel
        channel.write(HTTPClientRequestPart.head(prepared.head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(prepared.body)), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }

    private func answered(_ response: ResponseCollector.Response, on channel: any Channel) {
        guard !finished, let connection = connections[ObjectIdentifier(channel)], let request = connection.inFlight
        else { return }
        connection.inFlight = nil
        let latency = UInt64(max(0, (NIODeadline.now() - request.intended).nanoseconds / 1000))
        record(request, Outcome.classify(status: Int(response.status.code), body: response.body, latency: latency))
        if response.keepAlive {
            freed(connection)
        } else {
            channel.close(promise: nil)
        }
    }

    private func closed(_ channel: any Channel) {
        guard let connection = connections.removeValue(forKey: ObjectIdentifier(channel)) else { return }
        idle.removeAll { $0 === connection }
        guard !finished else { return }
        if let request = connection.inFlight {
            connection.inFlight = nil
            record(request, .failed(kind: Outcome.connectionError))
        }
        if !waiting.isEmpty, connections.count + opening < plan.connections { openConnection() }
        finishIfDone()
    }

    private func record(_ request: Waiting, _ outcome: Outcome) {
        ledger.record(outcome, classIndex: request.classIndex)
    }

    private func endSending() {
        sendingEnded = .now()
        drainTimer = eventLoop.scheduleTask(in: .nanoseconds(plan.drainLimit.nanosecondsClamped)) { self.finish() }
        finishIfDone()
    }

    private func finishIfDone() {
        guard sendingEnded != nil, waiting.isEmpty, !connections.values.contains(where: { $0.inFlight != nil }) else {
            return
        }
        finish()
    }

    /// Counts every request still waiting or in flight as `no_answer`, closes
    /// the connections and completes the report.
    private func finish() {
        guard !finished else { return }
        finished = true
        drainTimer?.cancel()
        let end = NIODeadline.now()
        while let request = waiting.popFirst() { record(request, .failed(kind: Outcome.noAnswer)) }
        for connection in connections.values {
            if let request = connection.inFlight {
                connection.inFlight = nil
                record(request, .failed(kind: Outcome.noAnswer))
            }
            connection.channel.close(promise: nil)
        }
        idle.removeAll()
        promise.succeed(ledger.report(drainSeconds: Double((end - (sendingEnded ?? end)).nanoseconds) / 1e9))
    }
}
