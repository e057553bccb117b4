import Inference
import Scheduling

/// An admitted request waiting for its answer: who gets it and the inputs
/// the worker will run.
struct PendingTask: Sendable {
    /// Answered exactly once, by whoever decides the task's outcome.
    let target: ReplyTarget
    /// The inputs, handed to the worker at dispatch.
    var inputs: [Tensor]
    /// The request as submitted, for the recording of its answer.
    let submitted: SubmittedRequest
}
