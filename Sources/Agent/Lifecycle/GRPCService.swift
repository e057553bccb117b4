import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import ServiceLifecycle

/// Runs the gRPC ingress from start to shutdown. It comes before the drain
/// in the group, so the group stops it after the drain: answers to work
/// that finishes during the drain still reach their clients.
struct GRPCService: Service {
    let agent: Agent
    let address: ListenAddress

    func run() async throws {
        let maximumRequest = agent.configuration.limits.maxBodyBytes
        // The transport resets the stream of a message past its limit (the
        // client sees CANCELLED), so it takes up to twice ours, and the
        // ingress answers what lies between RESOURCE_EXHAUSTED.
        let (transportLimit, overflow) = maximumRequest.multipliedReportingOverflow(by: 2)
        let transport = HTTP2ServerTransport.Posix(
            address: Self.socketAddress(address), transportSecurity: .plaintext,
            config: .defaults { $0.rpc.maxRequestPayloadSize = overflow ? .max : transportLimit })
        let server = GRPCServer(
            transport: transport, services: [GRPCIngress(agent: agent, maximumTensorBytes: maximumRequest)])
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            let bound = try await transport.listeningAddress
            let text = bound.ipv4.map { "\($0.host):\($0.port)" } ?? bound.ipv6.map { "[\($0.host)]:\($0.port)" }
            let serving =
                "grpc: serving GRPCInferenceService on \(text ?? address.description) "
                + "(messages up to \(maximumRequest) bytes: limits.max_body_bytes)"
            agent.logger.notice("\(serving)")
            try? await gracefulShutdown()
            server.beginGracefulShutdown()
        }
        agent.logger.notice("grpc: stopped")
    }

    /// The transport's address for `address`; `localhost` is the IPv4 loopback.
    private static func socketAddress(_ address: ListenAddress) -> GRPCNIOTransportCore.SocketAddress {
        if address.host.contains(":") { return .ipv6(host: address.host, port: address.port) }
        return .ipv4(host: address.host == "localhost" ? "127.0.0.1" : address.host, port: address.port)
    }
}
