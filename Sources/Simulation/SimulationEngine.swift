import HeapModule
import Scheduling

/// The event loop, generic over the policy under test.
///
/// A replay also plays what the agent does around the policy: a worker
/// takes its next task a recorded dispatch gap after a completion; queued
/// tasks that can no longer make their deadline are answered at
/// ``SchedulingPolicy/nextExpiry``, as the agent's deadline timer does,
/// rather than when a worker reaches them; the drain the recording ended
/// with starts where its first `shutting_down` refusal did; and a request
/// the client withdrew is cancelled when it was.
struct SimulationEngine<Policy: SchedulingPolicy> {
    private enum Kind {
        case arrival
        case completion(domain: Int, task: TaskID, succeeded: Bool)
        case cancel(TaskID)
        case temperature(Double)
        case expiry
        case drain
        /// A replay's worker is ready for its next task, a recorded dispatch gap after its completion.
        case workerReady(domain: Int)
    }

    private struct Event: Comparable {
        var time: Int64
        var sequence: UInt64
        var kind: Kind

        static func == (lhs: Event, rhs: Event) -> Bool { (lhs.time, lhs.sequence) == (rhs.time, rhs.sequence) }
        static func < (lhs: Event, rhs: Event) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
    }

    let workload: Workload
    let configuration: SchedulerConfiguration
    var policy: Policy
    let seed: UInt64
    /// Arrival times, classes and cancellations: drawn the same way whatever
    /// the policy decides, so every policy sees the same load for a seed.
    var arrivalRandom: SeededRandom
    /// Service times and failures of the tasks the policy dispatches.
    var serviceRandom: SeededRandom
    let levels: (Policy, Int) throws(SchedulingError) -> [Int]

    private var events = Heap<Event>()
    private var sequence: UInt64 = 0
    private var idle: [Int]
    private var answered = Set<TaskID>()
    private var duplicates = 0
    private var requests = 0
    private var lastLevels: [[Int]]
    private var levelChanges: [[Instant]]
    private var end = Instant.zero
    private var onTimeInWindow = 0
    private var arrivalDigest = ArrivalDigest()
    /// The next recorded arrival to submit (replay only).
    private var nextRecorded = 0
    /// When the earliest pending timer event fires (replay only).
    private var armedExpiry: Int64?

    /// Mixed into the seed for the service-time generator, so that its
    /// numbers are independent of the arrivals'.
    private static var serviceStream: UInt64 { 0xA5A5_5A5A_C3C3_3C3C }

    init(
        workload: Workload,
        policy: Policy,
        seed: UInt64,
        levels: @escaping (Policy, Int) throws(SchedulingError) -> [Int]
    ) throws(SchedulingError) {
        self.workload = workload
        self.configuration = workload.configuration
        self.policy = policy
        self.seed = seed
        self.arrivalRandom = SeededRandom(seed: seed)
        self.serviceRandom = SeededRandom(seed: seed ^ Self.serviceStream)
        self.levels = levels
        idle = configuration.workersPerDomain
        lastLevels = []
        for domain in configuration.workersPerDomain.indices {
            lastLevels.append(try levels(policy, domain))
        }
        levelChanges = Array(repeating: [], count: configuration.workersPerDomain.count)
    }

    mutating func run(policyName: SimulatedPolicy) throws(SchedulingError) -> SimulationReport {
        start()
        while let event = events.popMin() {
            let now = Instant(nanoseconds: event.time)
            end = now
            switch event.kind {
            case .arrival:
                try arrive(now: now)
            case .completion(let domain, let task, let succeeded):
                record(policy.complete(task, now: now, succeeded: succeeded))
                if case .replay(let replay) = workload {
                    let gap = replay.samples.drawDispatchGap(domain: domain, using: &serviceRandom)
                    if gap > 0 {
                        schedule(at: event.time + gap, .workerReady(domain: domain))
                    } else {
                        idle[domain] += 1
                    }
                } else {
                    idle[domain] += 1
                }
            case .workerReady(let domain):
                idle[domain] += 1
            case .cancel(let task):
                if let outcome = policy.cancel(task, now: now) {
                    record(outcome)
                }
            case .temperature(let celsius):
                for domain in idle.indices {
                    try policy.updateTemperature(celsius, domain: DomainID(domain), now: now)
                }
            case .expiry:
                if armedExpiry == event.time { armedExpiry = nil }
                policy.expire(now: now).forEach { record($0) }
            case .drain:
                policy.beginDraining()
            }
            try dispatch(now: now)
            try noteLevels(now: now)
            armTimer(now: now)
        }
        return SimulationReport(
            scenario: workload.name,
            policy: policyName,
            seed: seed,
            classNames: configuration.classes.map(\.name),
            statistics: policy.statistics,
            duration: workload.duration,
            simulatedTime: end - .zero,
            requests: requests,
            answered: answered.count,
            onTimeInWindow: onTimeInWindow,
            arrivalDigest: arrivalDigest.value,
            duplicateOutcomes: duplicates,
            levelChanges: levelChanges
        )
    }

    /// The first arrival, and the events known in advance.
    private mutating func start() {
        switch workload {
        case .scenario(let scenario):
            let horizon = scenario.duration.nanoseconds
            if let firstArrival = nextArrival(of: scenario, after: 0), firstArrival < horizon {
                schedule(at: firstArrival, .arrival)
            }
            if let (values, period) = scenario.temperature {
                var time: Int64 = 0
                var index = 0
                while time < horizon {
                    schedule(at: time, .temperature(values[index % values.count]))
                    time += period.nanoseconds
                    index += 1
                }
            }
        case .replay(let replay):
            if let first = replay.arrivals.first { schedule(at: first.time, .arrival) }
            if let drain = replay.drainAt { schedule(at: drain, .drain) }
        }
    }

    private mutating func schedule(at time: Int64, _ kind: Kind) {
        sequence += 1
        events.insert(Event(time: time, sequence: sequence, kind: kind))
    }

    /// The next arrival after `time` (nanoseconds) of the scenario's process.
    private mutating func nextArrival(of scenario: Scenario, after time: Int64) -> Int64? {
        switch scenario.arrivals {
        case .poisson(let rate):
            return time + Int64(arrivalRandom.exponential(mean: 1e9 / rate))
        case .onOff(let onRate, let on, let offRate, let off):
            // Poisson within each period; memorylessness lets a draw that
            // crosses a period boundary restart from it at the new rate.
            var current = time
            let cycle = on.nanoseconds + off.nanoseconds
            while true {
                let phase = current % cycle
                let inOn = phase < on.nanoseconds
                let rate = inOn ? onRate : offRate
                let boundary = current - phase + (inOn ? on.nanoseconds : cycle)
                let candidate = current + Int64(arrivalRandom.exponential(mean: 1e9 / rate))
                if candidate < boundary { return candidate }
                current = boundary
            }
        }
    }

    private mutating func arrive(now: Instant) throws(SchedulingError) {
        requests += 1
        let id = TaskID(UInt64(requests))
        switch workload {
        case .scenario(let scenario):
            try arrive(from: scenario, as: id, now: now)
            if let next = nextArrival(of: scenario, after: now.nanoseconds), next < scenario.duration.nanoseconds {
                schedule(at: next, .arrival)
            }
        case .replay(let replay):
            let arrival = replay.arrivals[nextRecorded]
            nextRecorded += 1
            var request = arrival.request
            request.id = id
            arrivalDigest.add(time: now.nanoseconds, classIndex: request.priorityClass.index)
            let decision = try policy.submit(request, now: now)
            decision.outcomes.forEach { record($0) }
            if decision.domain != nil, let cancelAt = arrival.cancelAt {
                schedule(at: cancelAt, .cancel(id))
            }
            if nextRecorded < replay.arrivals.count {
                schedule(at: replay.arrivals[nextRecorded].time, .arrival)
            }
        }
    }

    private mutating func arrive(from scenario: Scenario, as id: TaskID, now: Instant) throws(SchedulingError) {
        var pick = arrivalRandom.unit()
        var classIndex = scenario.classMix.count - 1
        for (index, share) in scenario.classMix.enumerated() {
            if pick <= share {
                classIndex = index
                break
            }
            pick -= share
        }
        // Both cancellation draws are made for every arrival, so the next
        // arrival's numbers do not depend on whether this one was admitted.
        let cancels = arrivalRandom.unit() < scenario.cancelProbability
        let cancelAfter = arrivalRandom.unit()
        arrivalDigest.add(time: now.nanoseconds, classIndex: classIndex)
        let request = TaskRequest(id: id, model: ModelID(0), priorityClass: ClassID(classIndex))
        let decision = try policy.submit(request, now: now)
        decision.outcomes.forEach { record($0) }
        if decision.domain != nil, cancels {
            let window = configuration.classes[classIndex].defaultTimeout ?? .seconds(1)
            schedule(at: now.nanoseconds + Int64(cancelAfter * Double(window.nanoseconds)), .cancel(request.id))
        }
    }

    /// Gives every idle worker the next task of its domain.
    private mutating func dispatch(now: Instant) throws(SchedulingError) {
        for domain in idle.indices {
            while idle[domain] > 0 {
                let decision = try policy.next(domain: DomainID(domain), now: now)
                decision.outcomes.forEach { record($0) }
                guard let assignment = decision.assignment else { break }
                idle[domain] -= 1
                let (service, succeeded) = draw(for: assignment, now: now)
                schedule(
                    at: now.nanoseconds + max(1, service),
                    .completion(domain: domain, task: assignment.task, succeeded: succeeded))
            }
        }
    }

    /// A run's service time (ns) and whether it succeeds: around the
    /// variant's mean (longer while the host is slowed) for a scenario, one
    /// of the recording's runs for a replay.
    private mutating func draw(for assignment: Assignment, now: Instant) -> (Int64, Bool) {
        switch workload {
        case .scenario(let scenario):
            let variant = configuration.models[assignment.model.index].variants[assignment.variant.rung]
            let nominal = Double((variant.serviceTime[assignment.domain] ?? .milliseconds(1)).nanoseconds)
            let mean = nominal * (scenario.hostSlowdown?.factor(at: now.nanoseconds) ?? 1)
            let service = Int64(serviceRandom.logNormal(mean: mean, cv: scenario.serviceCV))
            return (service, serviceRandom.unit() >= scenario.failureProbability)
        case .replay(let replay):
            let run = replay.samples.draw(
                model: assignment.model, variant: assignment.variant, domain: assignment.domain, at: now.nanoseconds,
                using: &serviceRandom)
            return (run.nanoseconds, run.succeeded)
        }
    }

    /// Arms the replay's deadline timer for the policy's next expiry, unless
    /// an event at or before it is pending.
    private mutating func armTimer(now: Instant) {
        guard case .replay = workload, let next = policy.nextExpiry?.nanoseconds else { return }
        let due = max(next, now.nanoseconds + 1)
        guard due < armedExpiry ?? .max else { return }
        armedExpiry = due
        schedule(at: due, .expiry)
    }

    private mutating func record(_ outcome: TaskOutcome) {
        if !answered.insert(outcome.task).inserted {
            duplicates += 1
        }
        if outcome.metDeadline && outcome.finished.nanoseconds <= workload.duration.nanoseconds {
            onTimeInWindow += 1
        }
    }

    private mutating func noteLevels(now: Instant) throws(SchedulingError) {
        for domain in idle.indices {
            let current = try levels(policy, domain)
            if current != lastLevels[domain] {
                levelChanges[domain].append(now)
                lastLevels[domain] = current
            }
        }
    }
}

/// FNV-1a over every arrival's time and class, in order: equal digests mean
/// (but for a collision) the same arrivals.
struct ArrivalDigest {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(time: Int64, classIndex: Int) {
        for word in [UInt64(bitPattern: time), UInt64(truncatingIfNeeded: classIndex)] {
            for shift in stride(from: 0, to: 64, by: 8) {
                value = (value ^ ((word >> UInt64(shift)) & 0xFF)) &* 0x0100_0000_01B3
            }
        }
    }
}
