/// A priority class, by its index in ``SchedulerConfiguration/classes``.
public struct ClassID: Hashable, Sendable {
    /// The position in the configuration.
    public var index: Int

    /// The class at `index`.
    public init(_ index: Int) {
        self.index = index
    }
}
