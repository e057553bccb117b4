public import Logging

/// A coordinator of a site (`edgesched coordinator`): it gathers every
/// agent's vectors, plans each interval, and, while it is the live one with
/// the lowest id, publishes the plans (``CoordinatorLoop``).
public final class Coordinator: Sendable {
    /// What it was started with.
    public let configuration: CoordinatorConfiguration
    /// Where it logs.
    public let logger: Logger
    /// Its series, served on `configuration.metrics`.
    public let metrics = CoordinatorMetrics()

    /// A coordinator with these settings; ``run()`` starts it.
    public init(_ configuration: CoordinatorConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }
}
