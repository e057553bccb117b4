extension SchedulerConfiguration {
    /// The longest service time a profile or a load may declare: 1 day keeps
    /// every sum of estimates and deadlines far inside `Int64` nanoseconds.
    public static let longestServiceTime = Duration.seconds(86_400)

    /// What is wrong with a declared service time, or nil.
    static func serviceTimeProblem(_ time: Duration) -> String? {
        if time <= .zero { return "not positive" }
        if time > longestServiceTime { return "longer than 1 day (86400 s); declare the time it takes" }
        return nil
    }

    /// Refuses a request that names a class, model, variant or domain this
    /// configuration does not have.
    func check(_ request: TaskRequest) throws(SchedulingError) {
        var problems: [String] = []
        let classIndex = request.priorityClass.index
        if !classes.indices.contains(classIndex) {
            problems.append("class \(classIndex) does not exist; \(Self.choices(classes.count, "class", "classes"))")
        }
        if !models.indices.contains(request.model.index) {
            problems.append(
                "model \(request.model.index) does not exist; \(Self.choices(models.count, "model", "models"))")
        } else {
            let ladder = models[request.model.index].variants.indices
            if let lowest = request.lowestVariant, !ladder.contains(lowest.rung) {
                problems.append(variantProblem(model: request.model, variant: lowest.rung))
            }
            if let pinned = request.pinnedVariant, !ladder.contains(pinned.rung) {
                problems.append("pinned " + variantProblem(model: request.model, variant: pinned.rung))
            }
        }
        for domain in request.domains ?? [] where !workersPerDomain.indices.contains(domain.index) {
            problems.append(domainProblem(domain.index))
        }
        guard problems.isEmpty else { throw SchedulingError(.invalidRequest(request.id), problems) }
    }

    /// Refuses a domain this configuration does not have.
    func check(domain: Int) throws(SchedulingError) {
        guard workersPerDomain.indices.contains(domain) else {
            throw SchedulingError(.invalidArgument, [domainProblem(domain)])
        }
    }

    /// Refuses a model, a variant or a domain this configuration does not have.
    func check(model: ModelID, variant: Int, domain: Int) throws(SchedulingError) {
        try check(domain: domain)
        guard models.indices.contains(model.index) else {
            throw SchedulingError(
                .invalidArgument,
                ["model \(model.index) does not exist; \(Self.choices(models.count, "model", "models"))"])
        }
        guard models[model.index].variants.indices.contains(variant) else {
            throw SchedulingError(.invalidArgument, [variantProblem(model: model, variant: variant)])
        }
    }

    /// Refuses what ``check(model:variant:domain:)`` refuses, and a load
    /// estimate that is not positive or longer than ``longestServiceTime``.
    func check(model: ModelID, variant: Int, domain: Int, estimate: Duration?) throws(SchedulingError) {
        try check(model: model, variant: variant, domain: domain)
        if let estimate, let problem = Self.serviceTimeProblem(estimate) {
            throw SchedulingError(
                .invalidArgument,
                ["model \(model.index) variant \(variant) domain \(domain): estimate \(estimate) is \(problem)"])
        }
    }

    private func domainProblem(_ domain: Int) -> String {
        "domain \(domain) does not exist; \(Self.choices(workersPerDomain.count, "domain", "domains"))"
    }

    private func variantProblem(model: ModelID, variant: Int) -> String {
        let profile = models[model.index]
        return "variant \(variant) does not exist; model \(model.index) (\(profile.name)) has "
            + "variants 0-\(profile.variants.count - 1), preferred first"
    }

    /// "the node has 3 classes, 0-2".
    private static func choices(_ count: Int, _ singular: String, _ plural: String) -> String {
        count == 1 ? "the node has 1 \(singular), 0" : "the node has \(count) \(plural), 0-\(count - 1)"
    }
}
