/// The server's base address, `http://HOST:PORT[/PREFIX]`, split once so
/// that every request writes its host header and path without parsing.
public struct ServerURL: Hashable, Sendable, CustomStringConvertible {
    /// The host name or address to connect to.
    public var host: String
    /// The TCP port (80 when the URL names none).
    public var port: Int
    /// A path the routes are under, without a trailing `/` (empty for none).
    public var pathPrefix: String

    /// Reads `text`; only `http` is supported (the servers under test speak plain HTTP/1.1).
    /// - Throws: ``LoadError`` naming `--url` and the value.
    public init(parsing text: String) throws(LoadError) {
        guard text.hasPrefix("http://") else {
            throw LoadError(.invalidArgument, "--url \(text): expected http://HOST:PORT (only plain http is supported)")
        }
        let rest = text.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var prefix = String(rest.dropFirst(authority.count))
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let hostPart: Substring
        let portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw LoadError(.invalidArgument, "--url \(text): unclosed \"[\" in the host")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            portPart = after.isEmpty ? nil : after.dropFirst()
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
            portPart = nil
        }
        guard !hostPart.isEmpty else {
            throw LoadError(.invalidArgument, "--url \(text): no host; expected http://HOST:PORT")
        }
        var port = 80
        if let portPart {
            guard let number = Int(portPart), (1...65535).contains(number) else {
                throw LoadError(.invalidArgument, "--url \(text): port \"\(portPart)\" is not a number from 1 to 65535")
            }
            port = number
        }
        host = String(hostPart)
        self.port = port
        pathPrefix = prefix
    }

    /// The `Host` header's value.
    var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? bracketed : "\(bracketed):\(port)"
    }

    /// `http://host:port/prefix`, as given.
    public var description: String { "http://\(hostHeader)\(pathPrefix)" }
}
