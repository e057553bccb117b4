/// The `grpc-timeout` request header (gRPC over HTTP/2): at most eight
/// digits and a unit, `H`, `M`, `S`, `m`, `u` or `n`.
enum GRPCTimeout {
    static let header = "grpc-timeout"

    /// The duration `text` gives; nil when it is not a timeout.
    static func parse(_ text: String) -> Duration? {
        guard let unit = text.last, (2...9).contains(text.utf8.count) else { return nil }
        let digits = text.utf8.dropLast()
        guard digits.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int64(Substring(digits)) else {
            return nil
        }
        switch unit {
        case "H": return .seconds(value * 3600)
        case "M": return .seconds(value * 60)
        case "S": return .seconds(value)
        case "m": return .milliseconds(value)
        case "u": return .microseconds(value)
        case "n": return .nanoseconds(value)
        default: return nil
        }
    }
}
