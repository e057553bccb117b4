/// A priority class as operators configure it.
public struct PriorityClass: Hashable, Sendable {
    /// The name requests and metrics use.
    public var name: String
    /// Share of worker time among backlogged weighted classes; ignored for
    /// strict classes. At least 1.
    public var weight: Int
    /// Served before every weighted class (earliest deadline first among
    /// strict classes).
    public var strict: Bool
    /// Queued tasks of the class at most, over all domains; past it, `queue_full`.
    public var maxQueue: Int
    /// The deadline of a task that gives none; nil: no deadline.
    public var defaultTimeout: Duration?
    /// Its queued tasks are shed first when a domain is past capacity.
    public var sheddable: Bool

    /// A class; weight 1, not strict, 1000 queued and not sheddable unless said.
    public init(
        name: String, weight: Int = 1, strict: Bool = false, maxQueue: Int = 1000, defaultTimeout: Duration?,
        sheddable: Bool = false
    ) {
        self.name = name
        self.weight = weight
        self.strict = strict
        self.maxQueue = maxQueue
        self.defaultTimeout = defaultTimeout
        self.sheddable = sheddable
    }

    /// `critical` (strict, 50 ms), `standard` (weight 4, 200 ms) and `batch`
    /// (weight 1, 2 s, sheddable): the classes an unconfigured agent has.
    public static let defaults: [PriorityClass] = [
        PriorityClass(name: "critical", strict: true, maxQueue: 1000, defaultTimeout: .milliseconds(50)),
        PriorityClass(name: "standard", weight: 4, maxQueue: 5000, defaultTimeout: .milliseconds(200)),
        PriorityClass(name: "batch", weight: 1, maxQueue: 20000, defaultTimeout: .seconds(2), sheddable: true),
    ]
}
