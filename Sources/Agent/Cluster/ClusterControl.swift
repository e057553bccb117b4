/// What other threads hand the cluster link's thread.
enum ClusterControl: Sendable, Equatable {
    /// Close the sockets and leave.
    case stop
}
