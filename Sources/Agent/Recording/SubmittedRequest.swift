import Scheduling

/// What the recording needs of a request beyond its outcome: the request
/// as the scheduler got it, its inputs' size and the ingress it came by.
/// Kept with the pending task from submit to answer; a fixed-size value.
struct SubmittedRequest: Sendable {
    var request: TaskRequest
    var inputBytes: Int
    var ingress: IngressKind
}
