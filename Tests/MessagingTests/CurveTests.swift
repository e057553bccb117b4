import Messaging
import Testing

@Suite struct CurveTests {
    @Test func aGeneratedPairsPublicKeyIsDerivedFromItsSecret() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey != pair.secretKey)
        #expect(try CurveKeyPair(secretKey: pair.secretKey) == pair)
        #expect(pair.description == "CurveKeyPair(public: \(pair.publicKey.z85))")
        #expect(!pair.description.contains(pair.secretKey.z85))
    }

    @Test(arguments: ["too short", String(repeating: "~", count: 40)])
    func aMalformedKeyIsRefusedWithoutEchoingIt(text: String) throws {
        let error = try #require(throws: ZeroMQError.self) { try CurveKey(z85: text) }
        #expect(error.code == .invalidArgument)
        #expect(!error.description.contains(text))
    }

    @Test func onlyAClientWithTheServersKeyGetsThrough() throws {
        let context = try Context()
        let server = try CurveKeyPair.generate()
        let (router, endpoint) = try MessagingFixtures.router(in: context, options: [.curveServer(server)])

        // Two clients that must get nothing: one trusting another server's key, one without CURVE at all.
        let impostorKey = try CurveKeyPair.generate().publicKey
        let misled = try MessagingFixtures.socket(.dealer, in: context, routingID: "misled")
        try misled.set(.curveClient(serverKey: impostorKey, keyPair: try CurveKeyPair.generate()))
        let plain = try MessagingFixtures.socket(.dealer, in: context, routingID: "plain")
        for client in [misled, plain] {
            try client.set(.receiveTimeout(.milliseconds(500)))
            try client.connect(endpoint)
            // The send only queues: the handshake never completes, so nothing reaches the server.
            _ = try client.send([Message("let me in")])
        }

        let trusted = try MessagingFixtures.socket(.dealer, in: context, routingID: "trusted")
        try trusted.set(.curveClient(serverKey: server.publicKey, keyPair: try CurveKeyPair.generate()))
        try trusted.connect(endpoint)
        #expect(try trusted.send([Message("hello")], blocking: true) == .sent)
        #expect(try router.receive(blocking: true)?.texts == ["trusted", "hello"])
        #expect(try router.send([Message("trusted"), Message("welcome")]) == .sent)
        #expect(try trusted.receive(blocking: true)?.texts == ["welcome"])

        for client in [misled, plain] {
            #expect(try client.receive(blocking: true) == nil)
        }
        let poller = Poller()
        let routerReady = poller.add(router)
        _ = try poller.wait(timeout: .milliseconds(200))
        #expect(!poller.events(for: routerReady).contains(.readable), "no other client's message got through")
        #expect(try router.receive() == nil)
    }
}
