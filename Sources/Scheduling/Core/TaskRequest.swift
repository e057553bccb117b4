/// Identifies one task from submit to outcome; chosen by the caller, unique
/// among the tasks it has in flight.
public struct TaskID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public static func < (lhs: TaskID, rhs: TaskID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "task \(rawValue)" }
}

/// A priority class, by its index in ``SchedulerConfiguration/classes``.
public struct ClassID: Hashable, Sendable {
    public var index: Int

    public init(_ index: Int) {
        self.index = index
    }
}

/// A model, by its index in ``SchedulerConfiguration/models``.
public struct ModelID: Hashable, Sendable {
    public var index: Int

    public init(_ index: Int) {
        self.index = index
    }
}

/// One inference request as the scheduler sees it.
public struct TaskRequest: Hashable, Sendable {
    public var id: TaskID
    public var model: ModelID
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
