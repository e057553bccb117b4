import Scheduling

/// A small node for rule tests: classes critical (strict), standard (4),
/// batch (1, sheddable); model 0 with fp32 (10 ms) and int8 (4 ms) in each
/// of `domains` domains of `workers` workers; the clock starts at 0.
struct SchedulerFixture {
    var scheduler: Scheduler
    var now = Instant.zero
    /// Whether every step checks the scheduler's invariants (off for bulk
    /// loads, which check once at the end).
    var checksEveryStep = true
    private var nextID: UInt64 = 0

    static let critical = ClassID(0)
    static let standard = ClassID(1)
    static let batch = ClassID(2)
    static let model = ModelID(0)

    init(
        domains: Int = 1,
        workers: Int = 1,
        classes: [PriorityClass] = PriorityClass.defaults,
        variants: [VariantProfile]? = nil,
        downgrade: DowngradeConfiguration = .defaults
    ) throws {
        scheduler = try Scheduler(
            configuration: Self.configuration(
                domains: domains, workers: workers, classes: classes, variants: variants, downgrade: downgrade))
    }

    /// The fixture's node as a configuration.
    static func configuration(
        domains: Int = 1,
        workers: Int = 1,
        classes: [PriorityClass] = PriorityClass.defaults,
        variants: [VariantProfile]? = nil,
        downgrade: DowngradeConfiguration = .defaults
    ) -> SchedulerConfiguration {
        let ladder =
            variants ?? [
                VariantProfile(name: "fp32", serviceTime: .milliseconds(10), domains: 0..<domains),
                VariantProfile(name: "int8", serviceTime: .milliseconds(4), domains: 0..<domains),
            ]
        return SchedulerConfiguration(
            classes: classes,
            models: [ModelProfile(name: "m", variants: ladder)],
            workersPerDomain: Array(repeating: workers, count: domains),
            downgrade: downgrade
        )
    }

    mutating func advance(_ duration: Duration) {
        now = now + duration
    }

    /// Submits a task and returns its id and the decision.
    @discardableResult
    mutating func submit(
        _ priorityClass: ClassID,
        timeout: Duration? = nil,
        allowDowngrade: Bool = true,
        lowestVariant: VariantID? = nil,
        pinnedVariant: VariantID? = nil,
        domains: [DomainID]? = nil
    ) throws -> (id: TaskID, decision: SubmitDecision) {
        nextID += 1
        let request = TaskRequest(
            id: TaskID(nextID),
            model: Self.model,
            priorityClass: priorityClass,
            timeout: timeout,
            allowDowngrade: allowDowngrade,
            lowestVariant: lowestVariant,
            pinnedVariant: pinnedVariant,
            domains: domains
        )
        let decision = try scheduler.submit(request, now: now)
        if checksEveryStep { scheduler.checkInvariants() }
        return (request.id, decision)
    }

    mutating func next(domain: DomainID = 0) throws -> DispatchDecision {
        let decision = try scheduler.next(domain: domain, now: now)
        if checksEveryStep { scheduler.checkInvariants() }
        return decision
    }

    mutating func complete(_ task: TaskID, succeeded: Bool = true) -> TaskOutcome {
        let outcome = scheduler.complete(task, now: now, succeeded: succeeded)
        if checksEveryStep { scheduler.checkInvariants() }
        return outcome
    }

    /// Dispatches and completes tasks on domain 0 one by one after `each`,
    /// returning the classes in the order they ran.
    mutating func runAll(each: Duration = .milliseconds(10), domain: DomainID = 0) throws -> [ClassID] {
        var order: [ClassID] = []
        while let assignment = try next(domain: domain).assignment {
            advance(each)
            order.append(complete(assignment.task).priorityClass)
        }
        return order
    }
}

extension TaskOutcome {
    var refusal: RefusalReason? {
        if case .refused(let reason) = result { return reason }
        return nil
    }
}
