/// One model's tasks of one class, counted the way a demand vector reports
/// them: what came in, what was answered within its deadline, what was
/// refused at its arrival, and what was admitted but dropped before it could
/// finish in time (shed, expired, or refused at dispatch).
public struct DemandCounts: Hashable, Sendable {
    /// Submitted.
    public var offered = 0
    /// Answered, whatever the answer: `offered - answered` are in flight.
    public var answered = 0
    /// Completed by the deadline (or without one).
    public var onTime = 0
    /// Refused when submitted: the answer was decided at the arrival instant.
    public var refused = 0
    /// Refused after it was queued: `overload` shedding, `deadline_exceeded`,
    /// or any other refusal decided later than its arrival.
    public var shed = 0

    /// No tasks yet.
    public init() {}

    /// Counts a task's one outcome.
    mutating func record(_ outcome: TaskOutcome) {
        answered += 1
        switch outcome.result {
        case .completed:
            if outcome.metDeadline { onTime += 1 }
        case .refused:
            if outcome.finished == outcome.arrival { refused += 1 } else { shed += 1 }
        }
    }
}
