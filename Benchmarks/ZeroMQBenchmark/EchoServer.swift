import Messaging

/// The raw libzmq baseline: a ROUTER on one thread that sends every message
/// straight back (routing id and frames, shared, not copied), with nothing
/// decoded. What the agent's ingress costs is its round trip beside this one.
struct EchoServer {
    let endpoint: String
    /// CURVE's own cost: the same echo as a CURVE server with this key pair.
    let curve: CurveKeyPair?

    /// Binds, reports the endpoint bound (`tcp://127.0.0.1:*` picks a port) through `onBound`, and echoes until
    /// the process is stopped.
    func run(onBound: (String) -> Void) throws -> Never {
        let context = try Context()
        let socket = try Socket(.router, in: context)
        try socket.set(.routerMandatory(true))
        if let curve { try socket.set(.curveServer(curve)) }
        try socket.bind(endpoint)
        onBound(try socket.lastEndpoint)
        while true {
            guard let frames = try socket.receive(blocking: true) else { continue }
            do {
                // Blocking: a full peer makes the echo wait, as a client that stops reading should.
                _ = try socket.send(frames, blocking: true)
            } catch {
                // EHOSTUNREACH: the client left with requests in flight; their echoes have nowhere to go.
                continue
            }
        }
    }
}
