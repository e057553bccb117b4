import Messaging
import TestFixtures
import Testing

/// A ROUTER serving DEALERs over loopback TCP, the pattern of the agent's ZeroMQ ingress.
@Suite struct RouterDealerTests {
    @Test func aWildcardPortIsReadBack() throws {
        let context = try Context()
        let (_, endpoint) = try MessagingFixtures.router(in: context)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = try #require(Int(endpoint.dropFirst("tcp://127.0.0.1:".count)))
        #expect(port > 0)
    }

    @Test func repliesAreRoutedBackToTheDealerThatAsked() throws {
        let context = try Context()
        let (router, endpoint) = try MessagingFixtures.router(in: context)
        let alpha = try MessagingFixtures.socket(.dealer, in: context, routingID: "alpha")
        let beta = try MessagingFixtures.socket(.dealer, in: context, routingID: "beta")
        for dealer in [alpha, beta] { try dealer.connect(endpoint) }
        #expect(try alpha.send([Message("request"), Message("from alpha")], blocking: true) == .sent)
        #expect(try beta.send([Message("request"), Message("from beta")], blocking: true) == .sent)

        var senders: Set<String> = []
        for _ in 0..<2 {
            let request = try #require(try router.receive(blocking: true))
            #expect(request.count == 3, "routing id, then the dealer's two frames")
            let sender = request[0].text
            senders.insert(sender)
            #expect(request[2].text == "from \(sender)")
            #expect(try router.send([request[0], Message("reply"), Message("for \(sender)")]) == .sent)
        }
        #expect(senders == ["alpha", "beta"])
        #expect(try alpha.receive(blocking: true)?.texts == ["reply", "for alpha"])
        #expect(try beta.receive(blocking: true)?.texts == ["reply", "for beta"])
    }

    @Test func manyRequestsInFlightAreAnsweredOutOfOrderAndMatchedByID() throws {
        var generator = TestSeed.generator(for: "manyRequestsInFlightAreAnsweredOutOfOrderAndMatchedByID")
        let context = try Context()
        let (router, endpoint) = try MessagingFixtures.router(in: context)
        let dealer = try MessagingFixtures.socket(.dealer, in: context)
        try dealer.connect(endpoint)
        let inFlight = 64
        for id in 0..<inFlight {
            #expect(try dealer.send([Message("\(id)"), Message("input \(id)")], blocking: true) == .sent)
        }
        var requests: [[Message]] = []
        for _ in 0..<inFlight { requests.append(try #require(try router.receive(blocking: true))) }
        requests.shuffle(using: &generator)
        for request in requests {
            #expect(try router.send([request[0], request[1], Message("output for \(request[2].text)")]) == .sent)
        }

        var answered: [Int] = []
        for _ in 0..<inFlight {
            let reply = try #require(try dealer.receive(blocking: true))
            let id = try #require(Int(reply[0].text))
            #expect(reply[1].text == "output for input \(id)")
            answered.append(id)
        }
        #expect(answered == requests.compactMap { Int($0[1].text) })
        #expect(Set(answered) == Set(0..<inFlight))
    }

    @Test func aMandatoryRouterRefusesAnUnknownPeerByName() throws {
        let context = try Context()
        let (router, _) = try MessagingFixtures.router(in: context, options: [.routerMandatory(true)])
        let error = try #require(throws: ZeroMQError.self) {
            _ = try router.send([Message("nobody"), Message("lost reply")])
        }
        #expect(error.code == .hostUnreachable)
        #expect(error.description.contains("zmq_msg_send(ROUTER to routing id \"nobody\")"))
        #expect(error.description.hasSuffix("(EHOSTUNREACH)"))
    }

    @Test func aBinaryRoutingIDIsShownInHexadecimal() throws {
        let context = try Context()
        let (router, _) = try MessagingFixtures.router(in: context, options: [.routerMandatory(true)])
        let error = try #require(throws: ZeroMQError.self) {
            _ = try router.send([Message(copying: [0, 0x80, 0x0F]), Message("lost reply")])
        }
        #expect(error.subject == "ROUTER to routing id 0x00800f")
    }

    @Test func withoutMandatoryTheRouterDropsAnUnknownPeersReplySilently() throws {
        let context = try Context()
        let (router, _) = try MessagingFixtures.router(in: context)
        #expect(try router.send([Message("nobody"), Message("lost reply")]) == .sent)
    }

    @Test func aFrameOverTheSizeLimitDropsThatPeerWhileOthersAreServed() throws {
        let context = try Context()
        let (router, endpoint) = try MessagingFixtures.router(
            in: context, options: [.maximumMessageSize(1024), .routerMandatory(true)])
        let oversized = try MessagingFixtures.socket(.dealer, in: context, routingID: "oversized")
        // Without reconnecting, the dropped peer cannot come back under the same routing id.
        try oversized.set(.reconnectInterval(nil))
        let polite = try MessagingFixtures.socket(.dealer, in: context, routingID: "polite")
        for dealer in [oversized, polite] { try dealer.connect(endpoint) }

        #expect(try oversized.send([Message("hello")], blocking: true) == .sent)
        #expect(try router.receive(blocking: true)?.texts == ["oversized", "hello"])
        let tooLarge = try Message(count: 2048) { $0.initializeMemory(as: UInt8.self, repeating: 1) }
        #expect(try oversized.send([tooLarge], blocking: true) == .sent)

        #expect(try polite.send([Message("ping")], blocking: true) == .sent)
        #expect(try router.receive(blocking: true)?.texts == ["polite", "ping"])
        #expect(try router.send([Message("polite"), Message("pong")]) == .sent)
        #expect(try polite.receive(blocking: true)?.texts == ["pong"])

        // The router learns of the disconnection while it processes libzmq's commands (in poll and send).
        let poller = Poller()
        _ = poller.add(router)
        var unreachable: ZeroMQError?
        for _ in 0..<1000 where unreachable == nil {
            do {
                _ = try router.send([Message("oversized"), Message("still there?")])
                _ = try poller.wait(timeout: .milliseconds(10))
            } catch {
                unreachable = error
            }
        }
        #expect(unreachable?.code == .hostUnreachable)
        #expect(try router.receive() == nil, "the oversized frame never reached the router")
    }

    @Test func aPeerThatNeverReadsFillsItsPipeToWouldBlockNotABlockedThread() throws {
        let context = try Context()
        let (router, endpoint) = try MessagingFixtures.router(
            in: context, options: [.routerMandatory(true), .sendHighWaterMark(1)])
        let stalled = try MessagingFixtures.socket(.dealer, in: context, routingID: "stalled")
        try stalled.set(.receiveHighWaterMark(1))
        let reader = try MessagingFixtures.socket(.dealer, in: context, routingID: "reader")
        for dealer in [stalled, reader] { try dealer.connect(endpoint) }
        #expect(try stalled.send([Message("hello, then silence")], blocking: true) == .sent)
        #expect(try router.receive(blocking: true)?.count == 2)

        // One shared 64 KiB frame: every send shares its bytes, so filling the kernel's buffers costs no memory.
        let chunk = try Message(count: 1 << 16) { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        let stalledID = try Message("stalled")
        var sent = 0
        var result = SendResult.sent
        while result == .sent && sent < 100_000 {
            result = try router.send([stalledID, chunk])
            if result == .sent { sent += 1 }
        }
        #expect(result == .wouldBlock, "after \(sent) sends")

        #expect(try reader.send([Message("ping")], blocking: true) == .sent)
        #expect(try router.receive(blocking: true)?.texts == ["reader", "ping"])
        #expect(try router.send([Message("reader"), Message("pong")]) == .sent)
        #expect(try reader.receive(blocking: true)?.texts == ["pong"])
    }
}
