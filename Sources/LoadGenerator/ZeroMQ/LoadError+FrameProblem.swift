public import Messaging

extension LoadError: FrameProblem {
    /// A malformed reply for `sentence`.
    public init(frameProblem sentence: String) {
        self.init(.malformedReply, sentence)
    }
}
