import Messaging
import Testing

@Suite struct SocketOptionTests {
    /// libzmq refuses a value of the wrong size or range with `EINVAL`, so each option's C type is checked here.
    @Test(arguments: [
        SocketOption.sendHighWaterMark(10),
        .receiveHighWaterMark(0),
        .linger(nil),
        .linger(.milliseconds(1500)),
        .routerMandatory(true),
        .heartbeatInterval(.seconds(1)),
        .heartbeatTimeToLive(.seconds(3)),
        .heartbeatTimeout(.microseconds(2500)),
        .maximumMessageSize(1 << 30),
        .maximumMessageSize(nil),
        .receiveTimeout(nil),
        .sendTimeout(.zero),
        .reconnectInterval(nil),
        .routingID(Array("edge-7".utf8)),
    ])
    func aServerOptionIsAcceptedByLibzmq(option: SocketOption) throws {
        let context = try Context()
        let router = try Socket(.router, in: context)
        try router.set(option)
    }

    @Test func aSubscriberTakesAPrefix() throws {
        let context = try Context()
        let subscriber = try Socket(.subscriber, in: context)
        try subscriber.set(.subscribe(Array("load".utf8)))
    }

    @Test func anEmptyRoutingIDIsRefusedByName() throws {
        let context = try Context()
        let dealer = try Socket(.dealer, in: context)
        let error = try #require(throws: ZeroMQError.self) { try dealer.set(.routingID([])) }
        #expect(error.description.hasPrefix("zmq_setsockopt(ZMQ_ROUTING_ID=0x): "))
        #expect(error.code == .invalidArgument)
    }

    @Test func curveOptionsApplyToServerAndClient() throws {
        let context = try Context()
        let server = try CurveKeyPair.generate()
        try Socket(.router, in: context).set(.curveServer(server))
        try Socket(.dealer, in: context).set(
            .curveClient(serverKey: server.publicKey, keyPair: try CurveKeyPair.generate()))
    }
}
