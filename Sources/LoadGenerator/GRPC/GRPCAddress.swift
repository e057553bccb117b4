/// Where a gRPC server listens, as `--grpc` gives it: `HOST:PORT`, an IPv6
/// host in brackets.
public struct GRPCAddress: Hashable, Sendable, CustomStringConvertible {
    /// The host, without brackets.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Reads `HOST:PORT`.
    /// - Throws: ``LoadError/Kind/invalidArgument`` naming the text when it is not one.
    public init(parsing text: String) throws(LoadError) {
        let invalid = LoadError(.invalidArgument, "--grpc \(text): expected HOST:PORT, such as 127.0.0.1:8001")
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else if let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        } else {
            throw invalid
        }
        guard !hostPart.isEmpty, portPart.count <= 5, portPart.allSatisfy(\.isASCII), let port = Int(portPart),
            (1...65535).contains(port)
        else { throw invalid }
        host = String(hostPart)
        self.port = port
    }

    /// `HOST:PORT`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
