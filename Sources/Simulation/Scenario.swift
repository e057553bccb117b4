public import Scheduling

/// A workload for the simulator: the node (classes, model, domains), how
/// requests arrive and for how long, and what else happens meanwhile.
public struct Scenario: Sendable {
    /// When requests arrive.
    public enum Arrivals: Sendable {
        /// A Poisson process at `rate` per second.
        case poisson(rate: Double)
        /// Alternating periods: `onRate` for `on`, then `offRate` for `off`.
        case onOff(onRate: Double, on: Duration, offRate: Double, off: Duration)
    }

    /// The name `--scenario` takes.
    public var name: String
    /// One line on what it models.
    public var summary: String
    /// The node: classes, models, domains.
    public var configuration: SchedulerConfiguration
    /// Fraction of requests per class, in class order (sums to 1).
    public var classMix: [Double]
    /// How requests arrive.
    public var arrivals: Arrivals
    /// How long requests arrive; the run goes on until every one is answered.
    public var duration: Duration
    /// Coefficient of variation of simulated service times around each
    /// variant's configured mean.
    public var serviceCV: Double
    /// Probability that a run fails (`runtime_error`).
    public var failureProbability: Double
    /// Probability that the caller withdraws a queued request.
    public var cancelProbability: Double
    /// Temperature of every domain over time: it alternates between these
    /// values every `period`, starting with the first; nil: no sensor.
    public var temperature: (values: [Double], period: Duration)?
    /// When the host runs slower; nil: never.
    public var hostSlowdown: HostSlowdown?

    /// A scenario; service CV 0.1, no failures, cancellations, temperature or slowdown unless said.
    public init(
        name: String,
        summary: String,
        configuration: SchedulerConfiguration,
        classMix: [Double],
        arrivals: Arrivals,
        duration: Duration,
        serviceCV: Double = 0.1,
        failureProbability: Double = 0,
        cancelProbability: Double = 0,
        temperature: (values: [Double], period: Duration)? = nil,
        hostSlowdown: HostSlowdown? = nil
    ) {
        self.name = name
        self.summary = summary
        self.configuration = configuration
        self.classMix = classMix
        self.arrivals = arrivals
        self.duration = duration
        self.serviceCV = serviceCV
        self.failureProbability = failureProbability
        self.cancelProbability = cancelProbability
        self.temperature = temperature
        self.hostSlowdown = hostSlowdown
    }
}

extension Scenario {
    /// One model, `fp32` (5 ms) and `int8` (2 ms) loaded in both of 2 domains
    /// of 4 workers: the node of every built-in scenario.
    public static let edgeNodeModel = ModelProfile(
        name: "detector",
        variants: [
            VariantProfile(name: "fp32", serviceTime: .milliseconds(5), domains: 0..<2),
            VariantProfile(name: "int8", serviceTime: .milliseconds(2), domains: 0..<2),
        ]
    )

    /// Requests per second the node serves at 100 % load on the preferred
    /// variant: 8 workers / 5 ms.
    public static let capacity = 1600.0

    private static func node(classes: [PriorityClass] = PriorityClass.defaults) -> SchedulerConfiguration {
        SchedulerConfiguration(classes: classes, models: [edgeNodeModel], workersPerDomain: [4, 4])
    }

    /// critical 10 % (50 ms), standard 40 % (200 ms), batch 50 % (2 s).
    private static let defaultMix = [0.1, 0.4, 0.5]

    /// The scenarios `edgesched bench sched` offers.
    public static let builtIn: [Scenario] = [
        Scenario(
            name: "steady",
            summary: "70 % load, Poisson arrivals, 3 classes",
            configuration: node(),
            classMix: defaultMix,
            arrivals: .poisson(rate: 0.7 * capacity),
            duration: .seconds(20)
        ),
        Scenario(
            name: "overload-2x",
            summary: "twice the fp32 capacity, Poisson arrivals, 3 classes",
            configuration: node(),
            classMix: defaultMix,
            arrivals: .poisson(rate: 2 * capacity),
            duration: .seconds(20)
        ),
        Scenario(
            name: "overload-4x",
            summary: "four times the fp32 capacity, Poisson arrivals, 3 classes",
            configuration: node(),
            classMix: defaultMix,
            arrivals: .poisson(rate: 4 * capacity),
            duration: .seconds(20)
        ),
        Scenario(
            name: "overload-4x-slowdown",
            summary: "overload-4x while the host runs 1.6x slower for the last 0.5 s of every 2 s",
            configuration: node(),
            classMix: defaultMix,
            arrivals: .poisson(rate: 4 * capacity),
            duration: .seconds(20),
            hostSlowdown: HostSlowdown(factor: 1.6, period: .seconds(2), length: .milliseconds(500))
        ),
        Scenario(
            name: "burst",
            summary: "on/off arrivals: 1 s at 3x capacity, then 2 s at 30 %",
            configuration: node(),
            classMix: defaultMix,
            arrivals: .onOff(onRate: 3 * capacity, on: .seconds(1), offRate: 0.3 * capacity, off: .seconds(2)),
            duration: .seconds(30)
        ),
        Scenario(
            name: "fair-share",
            summary: "gold, silver, bronze (weights 4, 2, 1), no strict class, always backlogged, no deadlines",
            configuration: node(classes: [
                PriorityClass(name: "gold", weight: 4, maxQueue: 300, defaultTimeout: nil),
                PriorityClass(name: "silver", weight: 2, maxQueue: 300, defaultTimeout: nil),
                PriorityClass(name: "bronze", weight: 1, maxQueue: 300, defaultTimeout: nil),
            ]),
            classMix: [1.0 / 3, 1.0 / 3, 1.0 / 3],
            arrivals: .poisson(rate: 6 * capacity),
            duration: .seconds(20)
        ),
        Scenario(
            name: "thermal-flap",
            summary: "50 % load while the package temperature swings 70 ↔ 90 °C every 100 ms",
            configuration: node(),
            classMix: defaultMix,
            arrivals: .poisson(rate: 0.5 * capacity),
            duration: .seconds(20),
            temperature: ([70, 90], .milliseconds(100))
        ),
    ]

    /// The built-in scenario of that name.
    public static func named(_ name: String) -> Scenario? {
        builtIn.first { $0.name == name }
    }
}
