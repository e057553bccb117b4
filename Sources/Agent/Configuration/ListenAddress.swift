/// Where a server listens: an IP address (or `localhost`) and a port.
///
/// Written `HOST:PORT`, with an IPv6 host in brackets (`[::1]:8000`). Port 0
/// asks the kernel for a free port, which tests use.
public struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    /// The host to bind, without brackets.
    public var host: String
    /// The TCP port, 0 for any free one.
    public var port: Int

    /// An address; `port` must be in 0...65535 (``init(parsing:)`` checks input).
    public init(host: String, port: Int) {
        precondition((0...65535).contains(port), "port \(port) out of range")
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`; nil when the text is not one, so the caller can
    /// name the key and the value.
    public init?(parsing text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: \.isWhitespace),
            portPart.count <= 5, portPart.allSatisfy(\.isASCII), let port = Int(portPart), (0...65535).contains(port)
        else {
            return nil
        }
        self.init(host: String(hostPart), port: port)
    }

    /// `HOST:PORT`, as ``init(parsing:)`` reads it.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
