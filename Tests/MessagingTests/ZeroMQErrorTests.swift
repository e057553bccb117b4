import Messaging
import Testing

@Suite struct ZeroMQErrorTests {
    @Test func bindingATakenPortNamesTheEndpointAndTheError() throws {
        let context = try Context()
        let (first, endpoint) = try MessagingFixtures.router(in: context)
        let second = try Socket(.router, in: context)
        let error = try withExtendedLifetime(first) {
            try #require(throws: ZeroMQError.self) { try second.bind(endpoint) }
        }
        #expect(error.code == .addressInUse)
        #expect(error.description == "zmq_bind(\(endpoint)): Address already in use (EADDRINUSE)")
    }

    @Test func aMalformedEndpointIsRefusedByName() throws {
        let context = try Context()
        let socket = try Socket(.dealer, in: context)
        let error = try #require(throws: ZeroMQError.self) { try socket.connect("tcp://no port here") }
        #expect(error.function == "zmq_connect")
        #expect(error.subject == "tcp://no port here")
        #expect(error.code == .invalidArgument)
    }

    @Test(arguments: [
        SocketOption.sendHighWaterMark(-1 + Int(Int32.min)),
        .linger(.seconds(Int64.max)),
        .maximumMessageSize(-5),
    ])
    func anOutOfRangeOptionIsRefusedBeforeLibzmq(option: SocketOption) throws {
        let context = try Context()
        let socket = try Socket(.router, in: context)
        let error = try #require(throws: ZeroMQError.self) { try socket.set(option) }
        #expect(error.function == "zmq_setsockopt")
        #expect(error.code == .invalidArgument)
    }

    @Test func anUnknownErrorNumberStillDescribesItself() {
        let error = ZeroMQError(function: "zmq_poll", code: ZeroMQError.Code(rawValue: 9999))
        #expect(error.description.hasPrefix("zmq_poll: "))
        #expect(error.description.hasSuffix("(errno 9999)"))
    }
}
