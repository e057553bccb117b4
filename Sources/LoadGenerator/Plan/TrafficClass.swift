/// One class of the generated traffic: a name the server knows, the share
/// of arrivals that belong to it, and the timeout its requests ask for.
///
/// Invariant: `share` is in (0, 1]; `timeout`, when present, is positive.
public struct TrafficClass: Hashable, Sendable {
    /// The class name, sent as the request's `priority` parameter.
    public var name: String
    /// The fraction of all arrivals in this class.
    public var share: Double
    /// The timeout sent with each request and used to judge "on time"; nil for none.
    public var timeout: Duration?

    /// A class named `name` with `share` of the arrivals and `timeout`.
    public init(name: String, share: Double, timeout: Duration?) {
        self.name = name
        self.share = share
        self.timeout = timeout
    }

    /// The class used when none is given: every arrival, no timeout, no
    /// `priority` parameter (the server's default class).
    public static let implicitDefault = TrafficClass(name: "default", share: 1, timeout: nil)

    /// Reads `NAME:SHARE:TIMEOUT` (`critical:0.1:50ms`) or `NAME:SHARE` (no timeout).
    /// - Throws: ``LoadError`` naming `--class`, the value and what is wrong with it.
    public static func parse(_ text: String) throws(LoadError) -> TrafficClass {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func invalid(_ problem: String) -> LoadError {
            LoadError(.invalidArgument, "--class \(text): \(problem)")
        }
        guard fields.count == 2 || fields.count == 3 else {
            throw invalid("expected NAME:SHARE:TIMEOUT, such as critical:0.1:50ms")
        }
        let name = fields[0]
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else {
            throw invalid("name \"\(name)\" must be letters, digits, \"_\" or \"-\"")
        }
        guard let share = Double(fields[1]), share > 0, share <= 1 else {
            throw invalid("share \"\(fields[1])\" is not a number between 0 and 1")
        }
        guard fields.count == 3 else { return TrafficClass(name: name, share: share, timeout: nil) }
        guard let timeout = DurationArgument.parse(fields[2]), timeout > .zero else {
            throw invalid("timeout \"\(fields[2])\" is not a positive duration such as 50ms, 250us or 2s")
        }
        return TrafficClass(name: name, share: share, timeout: timeout)
    }

    /// The timeout in whole microseconds, as the `timeout` parameter carries it.
    var timeoutMicroseconds: Int64? {
        timeout?.microseconds
    }
}
