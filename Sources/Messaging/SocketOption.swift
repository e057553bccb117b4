import CZeroMQ

/// A socket option a server or client sets, with its value; ``Socket/set(_:)`` applies it.
///
/// Durations are whole milliseconds to libzmq (a fraction rounds up, so a short timeout never becomes "return
/// at once"); `nil` means libzmq's "forever" (or, for ``reconnectInterval(_:)``, "never").
public enum SocketOption: Sendable {
    /// `ZMQ_SNDHWM`: messages queued per peer before sends would block (or, on PUB and ROUTER without
    /// ``routerMandatory(_:)``, drop); 0 is unlimited.
    case sendHighWaterMark(Int)
    /// `ZMQ_RCVHWM`: messages queued from each peer before libzmq stops reading its connection; 0 is unlimited.
    case receiveHighWaterMark(Int)
    /// `ZMQ_LINGER`: how long closing the socket waits to deliver queued messages. ``Socket`` sets zero at
    /// creation so that closing never hangs on a peer that is gone; set it for a drain.
    case linger(Duration?)
    /// `ZMQ_ROUTER_MANDATORY`: a ROUTER send to a routing id with no peer throws `EHOSTUNREACH` and a full
    /// peer returns ``SendResult/wouldBlock``, instead of libzmq dropping the reply silently. A ROUTER always
    /// polls writable (its readiness is not per peer), so a reply to a full peer is counted and dropped or kept
    /// for a later try, never waited for.
    case routerMandatory(Bool)
    /// `ZMQ_HEARTBEAT_IVL`: how often to send a ZMTP ping on each connection; zero turns heartbeats off.
    case heartbeatInterval(Duration)
    /// `ZMQ_HEARTBEAT_TTL`: how long the peer should wait for traffic from us before dropping us
    /// (sent in deciseconds, at most 6553.5 s).
    case heartbeatTimeToLive(Duration)
    /// `ZMQ_HEARTBEAT_TIMEOUT`: how long to wait for traffic after a ping before dropping the connection.
    case heartbeatTimeout(Duration)
    /// `ZMQ_MAXMSGSIZE`: a peer that sends a frame larger than this many bytes is disconnected before the frame
    /// is allocated; `nil` is unlimited.
    case maximumMessageSize(Int?)
    /// `ZMQ_RCVTIMEO`: how long a blocking receive waits before returning nothing.
    case receiveTimeout(Duration?)
    /// `ZMQ_SNDTIMEO`: how long a blocking send waits before returning ``SendResult/wouldBlock``.
    case sendTimeout(Duration?)
    /// `ZMQ_RECONNECT_IVL`: how long a connecting socket waits before reconnecting; `nil` never reconnects.
    case reconnectInterval(Duration?)
    /// `ZMQ_ROUTING_ID`: the id a ROUTER peer sees for this socket (1–255 bytes, the first not zero, which
    /// libzmq reserves for the ids it makes up).
    case routingID([UInt8])
    /// `ZMQ_SUBSCRIBE`: a SUB socket receives messages whose first frame starts with these bytes (empty: all).
    case subscribe([UInt8])
    /// Makes the socket a CURVE server with this key pair (`ZMQ_CURVE_SERVER`, `ZMQ_CURVE_SECRETKEY`):
    /// every connection is encrypted and a client must know the public key. Set before ``Socket/bind(_:)``.
    case curveServer(CurveKeyPair)
    /// Makes the socket a CURVE client of the server whose public key is `serverKey`, using `keyPair` as its own
    /// (`ZMQ_CURVE_SERVERKEY`, `ZMQ_CURVE_PUBLICKEY`, `ZMQ_CURVE_SECRETKEY`). Set before ``Socket/connect(_:)``.
    case curveClient(serverKey: CurveKey, keyPair: CurveKeyPair)
    /// `ZMQ_ZAP_DOMAIN`: the domain this socket's ZAP requests name, so one handler can tell the sockets of a
    /// process apart (1–254 bytes). Set before ``Socket/bind(_:)``.
    case zapDomain(String)
    /// `ZMQ_IMMEDIATE`: queue messages only to completed connections, so a
    /// send to a peer not (or no longer) connected would block at once
    /// instead of waiting in a pipe for it.
    case immediate(Bool)
}

extension Socket {
    /// Applies `option` (`zmq_setsockopt`).
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_setsockopt` and the option with its value (never a secret key) when
    ///   the value is out of range or libzmq refuses it (a CURVE option without CURVE support, say).
    public func set(_ option: SocketOption) throws(ZeroMQError) {
        switch option {
        case .sendHighWaterMark(let messages): try setInteger(ZMQ_SNDHWM, "ZMQ_SNDHWM", messages)
        case .receiveHighWaterMark(let messages): try setInteger(ZMQ_RCVHWM, "ZMQ_RCVHWM", messages)
        case .linger(let duration): try setMilliseconds(ZMQ_LINGER, "ZMQ_LINGER", duration)
        case .routerMandatory(let on): try setInteger(ZMQ_ROUTER_MANDATORY, "ZMQ_ROUTER_MANDATORY", on ? 1 : 0)
        case .heartbeatInterval(let duration): try setMilliseconds(ZMQ_HEARTBEAT_IVL, "ZMQ_HEARTBEAT_IVL", duration)
        case .heartbeatTimeToLive(let duration):
            try setMilliseconds(ZMQ_HEARTBEAT_TTL, "ZMQ_HEARTBEAT_TTL", duration)
        case .heartbeatTimeout(let duration):
            try setMilliseconds(ZMQ_HEARTBEAT_TIMEOUT, "ZMQ_HEARTBEAT_TIMEOUT", duration)
        case .maximumMessageSize(let bytes):
            let subject = "ZMQ_MAXMSGSIZE=\(bytes.map(String.init) ?? "unlimited")"
            guard (bytes ?? 0) >= 0 else {
                throw ZeroMQError(function: "zmq_setsockopt", subject: subject, code: .invalidArgument)
            }
            let limit = Int64(bytes ?? -1)
            try setValue(ZMQ_MAXMSGSIZE, subject, limit)
        case .receiveTimeout(let duration): try setMilliseconds(ZMQ_RCVTIMEO, "ZMQ_RCVTIMEO", duration)
        case .sendTimeout(let duration): try setMilliseconds(ZMQ_SNDTIMEO, "ZMQ_SNDTIMEO", duration)
        case .reconnectInterval(let duration):
            try setMilliseconds(ZMQ_RECONNECT_IVL, "ZMQ_RECONNECT_IVL", duration)
        case .routingID(let id):
            try setBytes(ZMQ_ROUTING_ID, "ZMQ_ROUTING_ID=\(PrintableBytes(id))", id)
        case .subscribe(let prefix):
            try setBytes(ZMQ_SUBSCRIBE, "ZMQ_SUBSCRIBE=\(PrintableBytes(prefix))", prefix)
        case .curveServer(let keyPair):
            try setInteger(ZMQ_CURVE_SERVER, "ZMQ_CURVE_SERVER", 1)
            try setKey(ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY", keyPair.secretKey)
            try setKey(ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY", keyPair.publicKey)
        case .curveClient(let serverKey, let keyPair):
            try setKey(ZMQ_CURVE_SERVERKEY, "ZMQ_CURVE_SERVERKEY=\(serverKey)", serverKey)
            try setKey(ZMQ_CURVE_PUBLICKEY, "ZMQ_CURVE_PUBLICKEY=\(keyPair.publicKey)", keyPair.publicKey)
            try setKey(ZMQ_CURVE_SECRETKEY, "ZMQ_CURVE_SECRETKEY", keyPair.secretKey)
        case .zapDomain(let domain):
            try setBytes(ZMQ_ZAP_DOMAIN, "ZMQ_ZAP_DOMAIN=\(domain)", Array(domain.utf8))
        case .immediate(let on): try setInteger(ZMQ_IMMEDIATE, "ZMQ_IMMEDIATE", on ? 1 : 0)
        }
    }

    private func setInteger(_ option: Int32, _ name: String, _ value: Int) throws(ZeroMQError) {
        guard let integer = Int32(exactly: value) else {
            throw ZeroMQError(function: "zmq_setsockopt", subject: "\(name)=\(value)", code: .invalidArgument)
        }
        try setValue(option, "\(name)=\(value)", integer)
    }

    private func setMilliseconds(_ option: Int32, _ name: String, _ duration: Duration?) throws(ZeroMQError) {
        guard let duration else { return try setInteger(option, name, -1) }
        guard let milliseconds = duration.wholeMillisecondsRoundingUp, milliseconds >= 0 else {
            throw ZeroMQError(function: "zmq_setsockopt", subject: "\(name)=\(duration)", code: .invalidArgument)
        }
        try setInteger(option, name, milliseconds)
    }

    private func setKey(_ option: Int32, _ name: String, _ key: CurveKey) throws(ZeroMQError) {
        try setBytes(option, name, Array(key.z85.utf8))
    }

    private func setValue(_ option: Int32, _ subject: String, _ value: some BitwiseCopyable) throws(ZeroMQError) {
        try ZeroMQCall.check("zmq_setsockopt", subject) {
            withUnsafeBytes(of: value) { buffer in zmq_setsockopt(handle, option, buffer.baseAddress, buffer.count) }
        }
    }

    private func setBytes(_ option: Int32, _ subject: String, _ bytes: [UInt8]) throws(ZeroMQError) {
        try ZeroMQCall.check("zmq_setsockopt", subject) {
            bytes.withUnsafeBytes { buffer in zmq_setsockopt(handle, option, buffer.baseAddress, buffer.count) }
        }
    }
}
