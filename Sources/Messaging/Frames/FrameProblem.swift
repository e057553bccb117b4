/// The error a ``FrameReader`` throws for a frame that does not follow its protocol: each module that reads
/// frames makes its own error from the sentence (the agent a `bad_request`, a client a malformed reply), so the
/// reader is shared and typed throws stay typed.
public protocol FrameProblem: Error {
    /// The error for `sentence`, which names the frame, the field and the value (`request header: version 2 …`).
    init(frameProblem sentence: String)
}
