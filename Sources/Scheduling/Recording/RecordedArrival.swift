/// One request as the agent saw it, from arrival to answer: what replay
/// needs to send it again (when, which model and class, its deadline and
/// variant constraints, its size) and what happened to it (outcome, variant,
/// domain, queue and service time). Fixed-size: recording one allocates nothing.
public struct RecordedArrival: Hashable, Sendable {
    /// When the agent's bridge saw it, on the recording's monotonic clock
    /// (``RecordingHeader/monotonicStart`` is the same clock).
    public var arrival: Instant
    /// Its model.
    public var model: ModelID
    /// Its priority class.
    public var priorityClass: ClassID
    /// The timeout the request asked for; nil: its class's default.
    public var timeout: Duration?
    /// The deadline admission gave it, after its arrival; nil: none.
    public var deadline: Duration?
    /// Whether a cheaper variant may answer it.
    public var allowDowngrade: Bool
    /// The cheapest rung it accepts; nil: any.
    public var lowestVariant: VariantID?
    /// The one rung that may run it; nil: none pinned.
    public var pinnedVariant: VariantID?
    /// The bytes of its input tensors (saturating at 2³² − 1 in the file).
    public var inputBytes: Int
    /// The ingress it came in by, as an index into ``RecordingHeader/ingresses``.
    public var ingress: Int
    /// Why it was not served; nil: served.
    public var refusal: RefusalReason?
    /// The rung that ran it (also when the run failed); nil: it never ran.
    public var variant: VariantID?
    /// Why that rung was cheaper than the preferred one; nil: not downgraded.
    public var downgrade: DowngradeReason?
    /// The domain that ran it; nil: it never ran.
    public var domain: DomainID?
    /// From arrival to the answer being decided.
    public var answeredAfter: Duration
    /// From arrival to the start of the run; nil: it never ran.
    public var queueTime: Duration?
    /// The run itself; nil: it never ran.
    public var serviceTime: Duration?

    /// A record from its parts.
    public init(
        arrival: Instant, model: ModelID, priorityClass: ClassID, timeout: Duration?, deadline: Duration?,
        allowDowngrade: Bool, lowestVariant: VariantID?, pinnedVariant: VariantID?, inputBytes: Int, ingress: Int,
        refusal: RefusalReason?, variant: VariantID?, downgrade: DowngradeReason?, domain: DomainID?,
        answeredAfter: Duration, queueTime: Duration?, serviceTime: Duration?
    ) {
        self.arrival = arrival
        self.model = model
        self.priorityClass = priorityClass
        self.timeout = timeout
        self.deadline = deadline
        self.allowDowngrade = allowDowngrade
        self.lowestVariant = lowestVariant
        self.pinnedVariant = pinnedVariant
        self.inputBytes = inputBytes
        self.ingress = ingress
        self.refusal = refusal
        self.variant = variant
        self.downgrade = downgrade
        self.domain = domain
        self.answeredAfter = answeredAfter
        self.queueTime = queueTime
        self.serviceTime = serviceTime
    }

    /// The record of `request`, answered with `outcome`; `ranOn` names the
    /// rung that ran it when the outcome does not (a `runtime_error`).
    public init(
        _ outcome: TaskOutcome, of request: TaskRequest, inputBytes: Int, ingress: Int, ranOn: VariantID? = nil
    ) {
        var refusal: RefusalReason?
        var variant = ranOn
        var downgrade: DowngradeReason?
        switch outcome.result {
        case .completed(let rung, let reason):
            variant = rung
            downgrade = reason
        case .refused(let reason):
            refusal = reason
        }
        self.init(
            arrival: outcome.arrival, model: outcome.model, priorityClass: outcome.priorityClass,
            timeout: request.timeout, deadline: outcome.deadline.map { $0 - outcome.arrival },
            allowDowngrade: request.allowDowngrade, lowestVariant: request.lowestVariant,
            pinnedVariant: request.pinnedVariant, inputBytes: inputBytes, ingress: ingress, refusal: refusal,
            variant: variant, downgrade: downgrade, domain: outcome.domain,
            answeredAfter: outcome.finished - outcome.arrival,
            queueTime: outcome.started.map { $0 - outcome.arrival },
            serviceTime: outcome.started.map { outcome.finished - $0 })
    }
}
