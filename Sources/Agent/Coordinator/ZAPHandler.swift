/// The coordinator's ZeroMQ authentication handler (ZAP, RFC 27): libzmq
/// asks it over `inproc://zeromq.zap.01` whether each CURVE client of the
/// coordinator's sockets may connect, and it answers from the allow-list.
/// A client it refuses never gets a message in or out; one it lets in is
/// named by its node id as the connection's User-Id, which every message
/// it sends carries, so a report is taken only from its own node.
struct ZAPHandler {
    /// Which socket a request is for, by the ZAP domain set on it.
    enum Domain: String, CaseIterable {
        /// The ROUTER agents report to: agents only.
        case reports
        /// The PUB of plans and heartbeats: agents and peer coordinators.
        case plans
    }

    /// Where libzmq sends its requests.
    static let endpoint = "inproc://zeromq.zap.01"

    let keys: CoordinatorKeys

    /// The reply frames to one request, and whether it let the client in.
    /// A request that is not ZAP 1.0 over CURVE is refused (status 400).
    func reply(to request: [[UInt8]]) -> (frames: [[UInt8]], allowed: Bool) {
        guard request.count >= 7, request[0] == Array("1.0".utf8) else {
            let id = request.count > 1 ? request[1] : []
            return (Self.frames(id: id, status: "400", text: "not a ZAP 1.0 request"), false)
        }
        let domain = Domain(rawValue: String(decoding: request[2], as: UTF8.self))
        guard request[5] == Array("CURVE".utf8), let domain, let holder = keys.holder(of: request[6], on: domain)
        else {
            return (Self.frames(id: request[1], status: "400", text: "key not allowed"), false)
        }
        return (Self.frames(id: request[1], status: "200", text: "OK", userID: holder), true)
    }

    private static func frames(id: [UInt8], status: String, text: String, userID: String = "") -> [[UInt8]] {
        [Array("1.0".utf8), id, Array(status.utf8), Array(text.utf8), Array(userID.utf8), []]
    }
}
