public import Inference

/// A request as an ingress decoded it, before any policy: the model's name,
/// the inputs and what the client asked for. ``Agent/infer(_:)`` resolves it.
public struct InferenceCall: Sendable {
    /// The model the URL or frame names.
    public var model: String
    /// The version (a variant's name) the URL names, which pins that
    /// variant; nil: the scheduler picks one.
    public var version: String?
    /// The client's request id, echoed in the answer.
    public var id: String?
    /// The decoded input tensors.
    public var inputs: [Tensor]
    /// The ingress that decoded it.
    public var ingress: IngressKind
    /// `priority`: a class name, or Triton's integer (0 the default class, 1 the first).
    public var priority: InferenceParameter?
    /// `timeout` in microseconds, as Triton's clients send it.
    public var timeout: InferenceParameter?
    /// `edgesched_allow_downgrade`.
    public var allowDowngrade: InferenceParameter?
    /// `edgesched_min_variant`: the cheapest variant the client accepts.
    public var minimumVariant: InferenceParameter?
    /// How long the client waits for the answer (a gRPC deadline): the
    /// task's deadline is never later; nil: the client sets none.
    public var clientDeadline: Duration?
    /// A peer agent forwarded it: it is served or refused here, never
    /// forwarded again.
    public var isForwarded = false

    /// A call with no parameters, decoded by `ingress`.
    public init(model: String, id: String? = nil, inputs: [Tensor], ingress: IngressKind) {
        self.model = model
        self.id = id
        self.inputs = inputs
        self.ingress = ingress
    }
}
