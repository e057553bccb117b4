/// A request as the ZeroMQ ingress decoded it from its frames: the call for
/// the agent and the id its reply carries back.
struct ZeroMQRequest: Sendable {
    /// The client's request id.
    var id: UInt64
    /// The model, inputs and what the client asked for.
    var call: InferenceCall
}

/// Why frames could not be decoded into a request, and whether and how the
/// sender is answered: frames that are not this protocol at all (random
/// bytes) are counted and dropped, anything else gets a `bad_request` reply.
struct ZeroMQDecodingFailure: Error, Sendable {
    /// The request id, when the header got as far as holding one; 0 otherwise.
    var id: UInt64
    /// What is wrong, naming the frame, the field and the value.
    var error: AgentError
    /// Whether a reply goes back; false for frames without the protocol's magic.
    var isAnswered: Bool
}
