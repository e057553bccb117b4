import Inference
import Scheduling

/// An admitted request waiting for its answer: the suspended handler and the
/// inputs the worker will run.
struct PendingTask: Sendable {
    /// Resumed exactly once, by whoever decides the task's outcome.
    let continuation: CheckedContinuation<InferenceReply, Never>
    /// The inputs, handed to the worker at dispatch.
    var inputs: [Tensor]
}
