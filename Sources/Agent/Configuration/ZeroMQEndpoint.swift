/// Where the ZeroMQ ingress binds: `tcp://HOST:PORT` (port `*` or 0 for any
/// free one, which tests use) or `ipc://PATH` (a Unix socket file).
public struct ZeroMQEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The endpoint as libzmq reads it.
    public let text: String

    /// Reads an endpoint; nil when the text is not one of the two forms, so
    /// the caller can name the key and the value.
    public init?(parsing text: String) {
        if text.hasPrefix("ipc://") {
            let path = text.dropFirst("ipc://".count)
            guard !path.isEmpty, !path.contains("\0") else { return nil }
        } else if text.hasPrefix("tcp://") {
            guard let colon = text.lastIndex(of: ":"), colon > text.index(text.startIndex, offsetBy: 6) else {
                return nil
            }
            let host = text[text.index(text.startIndex, offsetBy: 6)..<colon]
            let port = text[text.index(after: colon)...]
            guard !host.contains(where: \.isWhitespace),
                port == "*" || (port.count <= 5 && port.allSatisfy(\.isASCII) && Int(port).map { $0 <= 65535 } == true)
            else { return nil }
        } else {
            return nil
        }
        self.text = text
    }

    /// The endpoint, as ``init(parsing:)`` reads it.
    public var description: String { text }
}
