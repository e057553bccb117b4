/// Who gets a task's one answer, and how.
enum ReplyTarget: Sendable {
    /// A suspended async handler (HTTP): resumed with the answer.
    case continuation(CheckedContinuation<InferenceReply, Never>)
    /// A function called with the answer on the thread that decided it (a
    /// worker, the deadline timer, a submit): an ingress with a thread of its
    /// own (ZeroMQ) encodes the answer there and hands it to that thread.
    case callback(@Sendable (InferenceReply) -> Void)

    func deliver(_ reply: InferenceReply) {
        switch self {
        case .continuation(let continuation): continuation.resume(returning: reply)
        case .callback(let answer): answer(reply)
        }
    }
}
