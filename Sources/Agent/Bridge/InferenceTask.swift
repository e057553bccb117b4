public import Inference
public import Scheduling

/// A request the agent resolved and checked against the model's manifest,
/// ready for the scheduler: no protocol detail is left in it.
public struct InferenceTask: Sendable {
    /// The model, as the scheduler numbers it.
    public var model: ModelID
    /// The priority class.
    public var priorityClass: ClassID
    /// The deadline from admission; nil: the class default.
    public var timeout: Duration?
    /// Whether a cheaper variant may serve it.
    public var allowDowngrade: Bool
    /// The cheapest rung it accepts (an index into the model's ladder); nil: any.
    public var lowestVariant: Int?
    /// The one rung that may run it (a version the client named); nil: none pinned.
    public var pinnedVariant: Int?
    /// The inputs, checked against the manifest.
    public var inputs: [Tensor]
    /// How it came in, for the recording.
    public var ingress: IngressKind

    /// A request; every default is what a client that says nothing gets.
    public init(
        model: ModelID, priorityClass: ClassID, timeout: Duration? = nil, allowDowngrade: Bool = true,
        lowestVariant: Int? = nil, pinnedVariant: Int? = nil, inputs: [Tensor], ingress: IngressKind
    ) {
        self.model = model
        self.priorityClass = priorityClass
        self.timeout = timeout
        self.allowDowngrade = allowDowngrade
        self.lowestVariant = lowestVariant
        self.pinnedVariant = pinnedVariant
        self.inputs = inputs
        self.ingress = ingress
    }
}
