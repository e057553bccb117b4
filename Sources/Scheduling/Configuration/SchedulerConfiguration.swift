/// Everything the scheduler needs to know before the first task.
public struct SchedulerConfiguration: Hashable, Sendable {
    /// The priority classes; ``ClassID`` indexes them.
    public var classes: [PriorityClass]
    /// The models and their ladders; ``ModelID`` indexes them.
    public var models: [ModelProfile]
    /// Workers per execution domain; domain ids are the indices.
    public var workersPerDomain: [Int]
    /// When variants step down other than for one task's deadline.
    public var downgrade: DowngradeConfiguration
    /// When a domain is past capacity: the wait of its non-sheddable weighted
    /// work as a fraction of the shortest such class timeout.
    public var overload: Watermarks
    /// Weight of the newest completion in the service-time estimate (EWMA).
    public var estimatorWeight: Double

    /// A configuration; classes, signals and estimator default to what an unconfigured agent uses.
    public init(
        classes: [PriorityClass] = PriorityClass.defaults,
        models: [ModelProfile],
        workersPerDomain: [Int],
        downgrade: DowngradeConfiguration = .defaults,
        overload: Watermarks = Watermarks(high: 0.5, low: 0.25, hold: .seconds(1)),
        estimatorWeight: Double = 0.1
    ) {
        self.classes = classes
        self.models = models
        self.workersPerDomain = workersPerDomain
        self.downgrade = downgrade
        self.overload = overload
        self.estimatorWeight = estimatorWeight
    }

    /// Checks names, weights, limits, ladders, service times and watermarks;
    /// every problem is reported.
    public func validate() throws(SchedulingError) {
        var problems: [String] = []
        if classes.isEmpty { problems.append("classes: none configured") }
        var classNames = Set<String>()
        for (index, priorityClass) in classes.enumerated() {
            let key = "classes[\(index)] (\(priorityClass.name))"
            if priorityClass.name.isEmpty { problems.append("\(key): name is empty") }
            if !classNames.insert(priorityClass.name).inserted { problems.append("\(key): name is used twice") }
            if priorityClass.weight < 1 { problems.append("\(key): weight \(priorityClass.weight) is below 1") }
            if priorityClass.maxQueue < 1 { problems.append("\(key): maxQueue \(priorityClass.maxQueue) is below 1") }
            if let timeout = priorityClass.defaultTimeout, timeout <= .zero {
                problems.append("\(key): defaultTimeout \(timeout) is not positive")
            }
        }
        if workersPerDomain.isEmpty { problems.append("domains: none configured") }
        for (domain, workers) in workersPerDomain.enumerated() where workers < 1 {
            problems.append("domains[\(domain)]: \(workers) workers; a domain needs at least 1")
        }
        var modelNames = Set<String>()
        for (index, model) in models.enumerated() {
            let key = "models[\(index)] (\(model.name))"
            if !modelNames.insert(model.name).inserted { problems.append("\(key): name is used twice") }
            if model.variants.isEmpty { problems.append("\(key): no variant") }
            for variant in model.variants {
                for (domain, time) in variant.serviceTime {
                    if !workersPerDomain.indices.contains(domain.index) {
                        problems.append(
                            "\(key): variant \"\(variant.name)\" is loaded in domain \(domain.index), which does not exist"
                        )
                    }
                    if let problem = Self.serviceTimeProblem(time) {
                        problems.append(
                            "\(key): variant \"\(variant.name)\" has service time \(time) in domain \(domain.index), \(problem)"
                        )
                    }
                }
            }
        }
        for (key, watermarks) in [
            ("downgrade.pressure", downgrade.pressure), ("downgrade.thermal", downgrade.thermal),
            ("downgrade.memory", downgrade.memory), ("overload", overload),
        ] {
            problems += watermarks.problems.map { "\(key): \($0)" }
        }
        if downgrade.errors.failures < 1 {
            problems.append("downgrade.errors: failures \(downgrade.errors.failures) is below 1")
        }
        if !(estimatorWeight > 0 && estimatorWeight <= 1) {
            problems.append("estimatorWeight: \(estimatorWeight) is not in (0, 1]")
        }
        guard problems.isEmpty else { throw SchedulingError(.invalidConfiguration, problems) }
    }
}
