import Messaging
import Synchronization
import Testing

@Suite struct HandoffQueueTests {
    @Test func pushesWakeThePollerOnceAndAreTakenInOrder() throws {
        let queue = try HandoffQueue<Int>()
        let poller = Poller()
        let handed = poller.add(queue)
        #expect(try poller.wait(timeout: .zero) == 0)

        queue.push(1)
        queue.push(contentsOf: [2, 3])
        #expect(try poller.wait(timeout: .zero) == 1)
        #expect(poller.events(for: handed) == .readable)

        var taken: [Int] = []
        queue.takeAll(into: &taken)
        #expect(taken == [1, 2, 3])
        #expect(try poller.wait(timeout: .zero) == 0, "taking everything clears the wake-up")

        queue.push(4)
        queue.takeAll(into: &taken)
        #expect(taken == [1, 2, 3, 4], "taking appends to what the buffer holds")
    }

    @Test func aSpinningOwnerSeesAPushFromAnotherThreadAndGivesUpAfterItsBudget() throws {
        let queue = try HandoffQueue<Int>()
        #expect(!queue.spinUntilPushed(for: .microseconds(50)), "nothing pushed: the spin ends at its budget")
        let pusher = TestThread { queue.push(7) }
        #expect(queue.spinUntilPushed(for: .seconds(10)), "a push from another thread ends the spin")
        pusher.join()
        var taken: [Int] = []
        queue.takeAll(into: &taken)
        #expect(taken == [7])
        #expect(!queue.spinUntilPushed(for: .microseconds(50)), "taking clears what the spin looks at")
    }

    @Test func anotherThreadHandsTheSocketOwnerRepliesAndWakesIt() throws {
        try MessagingFixtures.withIPCEndpoint("router") { endpoint in
            let context = try Context()
            let toOwner = try HandoffQueue<OwnerWork>()
            let toWorker = try HandoffQueue<WorkerWork>()
            let failures = Mutex<[String]>([])

            // The socket's thread: it alone makes, binds and uses the ROUTER.
            let owner = TestThread {
                do {
                    try serveUntilStopped(context: context, endpoint: endpoint, toOwner: toOwner, toWorker: toWorker)
                } catch {
                    failures.withLock { $0.append("owner: \(error)") }
                }
            }
            // Another thread answers: it never touches the socket, it hands replies back.
            let worker = TestThread {
                do {
                    try answerUntilStopped(toWorker: toWorker, toOwner: toOwner)
                } catch {
                    failures.withLock { $0.append("worker: \(error)") }
                }
            }

            let dealer = try MessagingFixtures.socket(.dealer, in: context)
            try dealer.connect(endpoint)
            let requests = 100
            for id in 0..<requests {
                #expect(try dealer.send([Message("\(id)")], blocking: true) == .sent)
            }
            var answered: Set<String> = []
            for _ in 0..<requests {
                guard let reply = try dealer.receive(blocking: true) else { break }
                answered.insert(reply.texts.joined(separator: " "))
            }
            toOwner.push(.stop)
            toWorker.push(.stop)
            owner.join()
            worker.join()

            #expect(failures.withLock { $0 } == [])
            #expect(answered == Set((0..<requests).map { "\($0) done" }))
        }
    }
}

/// What the socket's owner is handed: a reply to send, or the end.
private enum OwnerWork: Sendable {
    case reply([Message])
    case stop
}

/// What the worker is handed: a request (routing id first), or the end.
private enum WorkerWork: Sendable {
    case request([Message])
    case stop
}

/// The owner's loop: requests from the ROUTER go to the worker; replies from the worker go out on the ROUTER.
private func serveUntilStopped(
    context: Context, endpoint: String, toOwner: HandoffQueue<OwnerWork>, toWorker: HandoffQueue<WorkerWork>
) throws {
    let router = try Socket(.router, in: context)
    try router.set(.routerMandatory(true))
    try router.bind(endpoint)
    let poller = Poller()
    let requests = poller.add(router)
    let replies = poller.add(toOwner)
    var handed: [OwnerWork] = []
    while try poller.wait(timeout: MessagingFixtures.patience) > 0 {
        if poller.events(for: requests).contains(.readable) {
            while let request = try router.receive() { toWorker.push(.request(request)) }
        }
        if poller.events(for: replies).contains(.readable) {
            handed.removeAll(keepingCapacity: true)
            toOwner.takeAll(into: &handed)
            for work in handed {
                guard case .reply(let frames) = work else { return }
                guard try router.send(frames) == .sent else { throw ReplyNotSent() }
            }
        }
    }
    throw ReplyNotSent()
}

/// The worker's loop: it waits on its own queue, never on a socket.
private func answerUntilStopped(toWorker: HandoffQueue<WorkerWork>, toOwner: HandoffQueue<OwnerWork>) throws {
    let poller = Poller()
    _ = poller.add(toWorker)
    var handed: [WorkerWork] = []
    while try poller.wait(timeout: MessagingFixtures.patience) > 0 {
        handed.removeAll(keepingCapacity: true)
        toWorker.takeAll(into: &handed)
        for work in handed {
            guard case .request(let frames) = work else { return }
            toOwner.push(.reply([frames[0], frames[1], try Message("done")]))
        }
    }
}

/// The owner waited a whole ``MessagingFixtures/patience`` with nothing to do, or a reply could not be queued.
private struct ReplyNotSent: Error {}
