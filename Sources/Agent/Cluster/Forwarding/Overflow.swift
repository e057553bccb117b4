import Scheduling

/// A request this agent refused (`queue_full`, `would_miss_deadline`,
/// `overload`) that a peer of its route may still serve in time: what the
/// forwarding loop sends on, and how the one answer goes back.
struct Overflow: Sendable {
    /// The request as the agent resolved it.
    var task: InferenceTask
    /// When it is due (monotonic ns); nil: its class has no deadline.
    var deadline: Int64?
    /// This agent's own answer, given when no peer takes it.
    var refusal: InferenceRefusal
    /// Gets the request's one answer.
    var answer: @Sendable (InferenceReply) -> Void

    /// Whether a refusal for `reason` may go to a peer instead: the ones
    /// where this node had no room in time, not where the request was wrong.
    static func isForwardable(_ reason: RefusalReason) -> Bool {
        switch reason {
        case .queueFull, .wouldMissDeadline, .overload: true
        default: false
        }
    }
}
