/// What a cluster message's payload is, as its frame header's kind field
/// names it.
public enum MessageKind: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    /// A `NodeReport`: an agent to every coordinator, each interval.
    case nodeReport = 1
    /// A `Plan`: the active coordinator to every agent.
    case plan = 2
    /// A `Heartbeat`: every coordinator, on its PUB beside its plans, each interval.
    case heartbeat = 3

    /// The kind as errors name it.
    public var description: String {
        switch self {
        case .nodeReport: "node report"
        case .plan: "plan"
        case .heartbeat: "heartbeat"
        }
    }
}
