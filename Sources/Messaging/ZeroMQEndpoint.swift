/// An endpoint edgesched binds or connects: `tcp://HOST:PORT` or `ipc://PATH`
/// (a Unix socket file), checked before libzmq sees it so that a typo is an
/// error naming the value rather than a failed bind.
public struct ZeroMQEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// What the endpoint is for: a bound one may ask for any free port (`*`
    /// or 0, which tests use); a connected one names its port.
    public enum Use: Sendable {
        case bind
        case connect
    }

    /// Why a text is not an endpoint, in words for the error that names it.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The endpoint as libzmq reads it.
    public let description: String

    /// Reads `text` as an endpoint to `use`.
    /// - Throws: ``Problem`` saying what is wrong with it.
    public init(parsing text: String, for use: Use) throws(Problem) {
        if text.hasPrefix("ipc://") {
            guard text.count > "ipc://".count, !text.contains("\0") else {
                throw Problem(description: "no path; expected ipc://PATH")
            }
        } else if text.hasPrefix("tcp://") {
            let authority = text.dropFirst("tcp://".count)
            guard let colon = authority.lastIndex(of: ":"), colon > authority.startIndex,
                !authority[..<colon].contains(where: \.isWhitespace)
            else {
                throw Problem(description: "expected tcp://HOST:PORT")
            }
            let port = authority[authority.index(after: colon)...]
            let anyPort = use == .bind && (port == "*" || port == "0")
            guard anyPort || (port.count <= 5 && Int(port).map { (1...65535).contains($0) } == true) else {
                let range = use == .bind ? "from 1 to 65535, or * for any free one" : "from 1 to 65535"
                throw Problem(description: "port \"\(port)\" is not a number \(range)")
            }
        } else {
            throw Problem(description: "expected tcp://HOST:PORT or ipc://PATH")
        }
        description = text
    }
}
