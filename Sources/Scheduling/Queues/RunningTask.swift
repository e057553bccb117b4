/// A task running in a domain and when its estimate says it ends.
struct RunningTask: Sendable {
    var task: TaskID
    /// Nanoseconds.
    var end: Int64
}
