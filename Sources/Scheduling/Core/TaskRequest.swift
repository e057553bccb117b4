/// Identifies one task from submit to outcome; chosen by the caller, unique
/// among the tasks it has in flight.
public struct TaskID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The caller's number.
    public var rawValue: UInt64

    /// The id `rawValue`.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Ids order by number (the order outcomes are listed in).
    public static func < (lhs: TaskID, rhs: TaskID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `task N`, as messages show it.
    public var description: String { "task \(rawValue)" }
}

/// A priority class, by its index in ``SchedulerConfiguration/classes``.
public struct ClassID: Hashable, Sendable {
    /// The position in the configuration.
    public var index: Int

    /// The class at `index`.
    public init(_ index: Int) {
        self.index = index
    }
}

/// A model, by its index in ``SchedulerConfiguration/models``.
public struct ModelID: Hashable, Sendable {
    /// The position in the configuration.
    public var index: Int

    /// The model at `index`.
    public init(_ index: Int) {
        self.index = index
    }
}

/// One inference request as the scheduler sees it.
public struct TaskRequest: Hashable, Sendable {
    /// Its id, unique among the caller's tasks in flight.
    public var id: TaskID
    /// The model to run.
    public var model: ModelID
    /// Its priority class.
    public var priorityClass: ClassID
    /// How long the caller waits for the answer, from submit; nil: the
    /// class's default timeout (which may be none).
    public var timeout: Duration?
    /// Whether a cheaper variant may answer instead of the preferred one.
    public var allowDowngrade: Bool
    /// The cheapest rung the caller accepts (index into the model's ladder);
    /// nil: any.
    public var lowestVariant: Int?
    /// The domains that may run it; nil: any that has an acceptable variant.
    public var domains: [Int]?

    /// A request; the class's timeout, downgrades allowed to any rung, any domain unless said.
    public init(
        id: TaskID,
        model: ModelID,
        priorityClass: ClassID,
        timeout: Duration? = nil,
        allowDowngrade: Bool = true,
        lowestVariant: Int? = nil,
        domains: [Int]? = nil
    ) {
        self.id = id
        self.model = model
        self.priorityClass = priorityClass
        self.timeout = timeout
        self.allowDowngrade = allowDowngrade
        self.lowestVariant = lowestVariant
        self.domains = domains
    }
}
