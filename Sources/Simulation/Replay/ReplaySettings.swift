public import Scheduling

/// The node a recording is replayed on: its classes, signals and workers,
/// and where they came from, for the report.
public struct ReplaySettings: Sendable {
    /// The classes, matched to the recording's by name (the recording's
    /// must all be here; extra ones get no arrivals).
    public var classes: [PriorityClass]
    /// The downgrade signals' watermarks and the circuit breaker.
    public var downgrade: DowngradeConfiguration
    /// When shedding starts and stops.
    public var overload: Watermarks
    /// Workers per domain; nil: the most runs at once in each domain of the
    /// recording (under overload, every worker of a domain is busy at once).
    public var workersPerDomain: [Int]?
    /// Where classes and signals come from, as the report says it
    /// (`built-in defaults`, `--config agent.yaml`).
    public var classesSource: String
    /// Where `workersPerDomain` comes from, when it is given.
    public var workersSource: String

    /// Settings; the agent's defaults unless said.
    public init(
        classes: [PriorityClass] = PriorityClass.defaults, downgrade: DowngradeConfiguration = .defaults,
        overload: Watermarks = Watermarks(high: 0.5, low: 0.25, hold: .seconds(1)), workersPerDomain: [Int]? = nil,
        classesSource: String = "built-in defaults", workersSource: String = "given"
    ) {
        self.classes = classes
        self.downgrade = downgrade
        self.overload = overload
        self.workersPerDomain = workersPerDomain
        self.classesSource = classesSource
        self.workersSource = workersSource
    }
}
