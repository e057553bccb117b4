public import Inference
public import Scheduling

/// What a request is answered with when it ran: the outputs and how the
/// agent served it, for the response's `edgesched_*` parameters.
public struct InferenceAnswer: Sendable {
    /// The output tensors, in the manifest's order.
    public var outputs: [Tensor]
    /// The variant that ran (a version of the model in the protocol).
    public var variant: String
    /// Why it ran on a cheaper variant than the preferred one; nil if it did not.
    public var downgrade: DowngradeReason?
    /// The execution domain that ran it.
    public var domain: Int
    /// From admission to the start of the run.
    public var queueTime: Duration
    /// The run itself.
    public var serviceTime: Duration
    /// Whether the outputs are the synthetic runtime's arithmetic, not a model's.
    public var isSynthetic: Bool
    /// The node of the cluster that ran it; empty for an agent outside one.
    public var node: String = ""
}

/// Why a request was not answered with outputs: the scheduler's reason (the
/// value clients and metrics see) and a sentence for the error body.
public struct InferenceRefusal: Error, Sendable, CustomStringConvertible {
    /// The machine-readable reason (`queue_full`, `deadline_exceeded`, …).
    public var reason: RefusalReason
    /// What happened, naming the model and, where there is one, the runtime's message.
    public var message: String

    /// A refusal for `reason`.
    public init(_ reason: RefusalReason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `reason: message`.
    public var description: String {
        "\(reason.rawValue): \(message)"
    }
}

/// The one answer every request gets from the bridge.
public typealias InferenceReply = Result<InferenceAnswer, InferenceRefusal>
