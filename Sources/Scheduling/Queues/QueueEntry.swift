/// A queued task's place in its class queue: earliest deadline first, then
/// first come first served.
struct QueueEntry: Comparable, Sendable {
    var deadline: Int64
    var sequence: UInt64
    var task: TaskID

    static func < (lhs: QueueEntry, rhs: QueueEntry) -> Bool {
        (lhs.deadline, lhs.sequence) < (rhs.deadline, rhs.sequence)
    }
}
