public import Messaging

/// The agent reads request frames (docs/protocol.md) with the shared reader; a frame that breaks the
/// protocol is a `bad_request`.
typealias FrameReader = Messaging.FrameReader<AgentError>

extension AgentError: FrameProblem {
    /// A `bad_request` for `sentence`.
    public init(frameProblem sentence: String) {
        self.init(.badRequest, sentence)
    }
}
