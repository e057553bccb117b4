/// A model, by its index in ``SchedulerConfiguration/models``.
public struct ModelID: Hashable, Sendable {
    /// The position in the configuration.
    public var index: Int

    /// The model at `index`.
    public init(_ index: Int) {
        self.index = index
    }
}
