/// A class queue's first entry, and which queue: what a worker takes next.
struct QueueHead: Sendable {
    var domain: Int
    var classIndex: Int
    var entry: QueueEntry
}
