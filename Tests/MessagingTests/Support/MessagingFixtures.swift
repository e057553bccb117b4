import Foundation
import Messaging

/// What every socket test needs: a loopback endpoint, sockets that give up instead of hanging, frame text.
enum MessagingFixtures {
    /// Any free port on loopback; read the chosen one back with `lastEndpoint`.
    static let loopback = "tcp://127.0.0.1:*"

    /// How long a blocking test receive waits before the test fails instead of hanging.
    static let patience = Duration.seconds(10)

    /// A socket whose blocking sends and receives give up after ``patience``.
    static func socket(_ type: SocketType, in context: Context, routingID: String? = nil) throws -> Socket {
        let socket = try Socket(type, in: context)
        try socket.set(.receiveTimeout(patience))
        try socket.set(.sendTimeout(patience))
        if let routingID { try socket.set(.routingID(Array(routingID.utf8))) }
        return socket
    }

    /// A bound ROUTER and the endpoint it listens on.
    static func router(in context: Context, options: [SocketOption] = []) throws -> (Socket, String) {
        let router = try socket(.router, in: context)
        for option in options { try router.set(option) }
        try router.bind(loopback)
        return (router, try router.lastEndpoint)
    }

    /// Calls `body` with an `ipc://` endpoint in a fresh temporary folder, removed afterwards.
    static func withIPCEndpoint<Result>(_ name: String, _ body: (String) throws -> Result) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("es-zmq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body("ipc://\(folder.path)/\(name)")
    }
}

extension Message {
    /// The frame's bytes read as UTF-8.
    var text: String {
        withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}

extension [Message] {
    /// Each frame's text, for comparing whole messages.
    var texts: [String] {
        map(\.text)
    }
}
