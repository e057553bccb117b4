/// The agent's ZeroMQ ingress to connect to (docs/protocol.md):
/// `tcp://HOST:PORT` or `ipc://PATH`, checked before libzmq sees it so that a
/// typo is a usage error naming the flag rather than a failed connect.
public struct ZeroMQEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The endpoint as libzmq reads it.
    public var description: String

    /// Reads `text`.
    /// - Throws: ``LoadError`` naming `--endpoint` and the value.
    public init(parsing text: String) throws(LoadError) {
        func invalid(_ problem: String) -> LoadError {
            LoadError(.invalidArgument, "--endpoint \(text): \(problem)")
        }
        if text.hasPrefix("ipc://") {
            guard text.count > "ipc://".count else { throw invalid("no path; expected ipc://PATH") }
        } else if text.hasPrefix("tcp://") {
            let authority = text.dropFirst("tcp://".count)
            guard let colon = authority.lastIndex(of: ":"), colon > authority.startIndex else {
                throw invalid("expected tcp://HOST:PORT")
            }
            let port = authority[authority.index(after: colon)...]
            guard let number = Int(port), (1...65535).contains(number) else {
                throw invalid("port \"\(port)\" is not a number from 1 to 65535")
            }
        } else {
            throw invalid("expected tcp://HOST:PORT or ipc://PATH")
        }
        description = text
    }
}
