import Benchmark
import DequeModule
import Scheduling
import Synchronization

/// The scheduler's own cost per task at a steady queue depth, beside what a
/// plain priority queue and a FIFO deque cost doing the same.
///
/// Every benchmark keeps `depth` tasks queued (1,000 or 10,000, a third each
/// of critical, standard and batch, in 2 domains of 4 workers) and, per task,
/// submits one, dispatches one and completes it under a mutex, as the agent
/// holds the scheduler; the virtual clock advances 2 ms per task:
///
/// - `edgesched`: ``Scheduler`` with the default classes' kinds and weights,
///   timeouts of an hour so that no admission rule refuses or sheds anything.
/// - `strict priority`: ``BaselinePolicy`` with `.priority`, the same
///   configuration and calls: the cost of a priority queue per class.
/// - `queue-timeout`: ``BaselinePolicy`` with `.queueTimeout`, the baseline
///   the agent runs with `scheduling: {policy: queue-timeout}`.
/// - `FIFO deque`: one deque of ids, append one and take one: the floor.
///
/// The policies are held as `any SchedulingPolicy`, as the agent's bridge
/// holds them.
///
/// Each run checks, before and after its timed loop, that exactly `depth`
/// tasks are queued and that nothing was refused, and fails the benchmark
/// otherwise: the figures are of a full queue that admits everything.
///
/// Run: swift package --allow-writing-to-package-directory benchmark --target SchedulingBenchmarks
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3)
    )

    for depth in [1000, 10_000] {
        Benchmark("edgesched submit+dispatch+complete, \(depth) queued") { benchmark in
            try measureCycle(benchmark, policy: try Scheduler(configuration: steadyNode()), depth: depth)
        }
        Benchmark("strict priority submit+dispatch+complete, \(depth) queued") { benchmark in
            let baseline = try BaselinePolicy(configuration: steadyNode(), discipline: .priority)
            try measureCycle(benchmark, policy: baseline, depth: depth)
        }
        Benchmark("queue-timeout submit+dispatch+complete, \(depth) queued") { benchmark in
            let baseline = try BaselinePolicy(configuration: steadyNode(), discipline: .queueTimeout)
            try measureCycle(benchmark, policy: baseline, depth: depth)
        }
        Benchmark("FIFO deque append+take, \(depth) queued") { benchmark in
            let queue = Mutex(Deque<UInt64>(0..<UInt64(depth)))
            var id = UInt64(depth)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                id += 1
                let value = id
                queue.withLock { $0.append(value) }
                blackHole(queue.withLock { $0.popFirst() })
            }
            benchmark.stopMeasurement()
            let count = queue.withLock { $0.count }
            guard count == depth else {
                throw BenchmarkCheck("FIFO deque: \(count) queued after the loop, not \(depth)")
            }
        }
    }
}

/// Fills `policy` to `depth` queued tasks, then times one submit, one
/// dispatch and one completion per scaled iteration; throws unless the
/// depth is `depth` before and after and nothing was refused.
private func measureCycle(_ benchmark: Benchmark, policy: any SchedulingPolicy, depth: Int) throws {
    var filled = policy
    var now = Instant(nanoseconds: 1_000_000)
    for index in 0..<depth {
        _ = try filled.submit(request(UInt64(index)), now: now)
    }
    try check(filled, depth: depth, when: "before the timed loop")
    let scheduler = Mutex(filled)
    var id = UInt64(depth)
    benchmark.startMeasurement()
    for index in benchmark.scaledIterations {
        id += 1
        now = now + .milliseconds(2)
        let task = request(id)
        let domain = DomainID(index % 2)
        let current = now
        try scheduler.withLock { scheduler throws(SchedulingError) in
            blackHole(try scheduler.submit(task, now: current))
            if let assignment = try scheduler.next(domain: domain, now: current).assignment {
                blackHole(scheduler.complete(assignment.task, now: current, succeeded: true))
            }
        }
    }
    benchmark.stopMeasurement()
    try scheduler.withLock { scheduler throws(BenchmarkCheck) in
        try check(scheduler, depth: depth, when: "after the timed loop")
    }
}

/// Task `id` of class `id % 3`, with a timeout of an hour.
private func request(_ id: UInt64) -> TaskRequest {
    TaskRequest(id: TaskID(id), model: ModelID(0), priorityClass: ClassID(Int(id % 3)), timeout: .seconds(3600))
}

private func check(_ policy: some SchedulingPolicy, depth: Int, when: String) throws(BenchmarkCheck) {
    let total = policy.statistics.total
    guard policy.queuedCount == depth else {
        throw BenchmarkCheck("\(policy.queuedCount) tasks queued \(when), not \(depth); refusals \(total.refusals)")
    }
    guard total.refusals.isEmpty, total.admitted == total.offered else {
        throw BenchmarkCheck("refused \(total.refusals) of \(total.offered) \(when)")
    }
}

/// A benchmark that measured something other than what it claims.
private struct BenchmarkCheck: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The default classes' kinds and weights with timeouts of an hour and room
/// for 100,000 queued each, and a 2-rung model (fp32 5 ms, int8 2 ms) in 2
/// domains of 4 workers: deep queues without any admission rule firing.
private func steadyNode() -> SchedulerConfiguration {
    let model = ModelProfile(
        name: "detector",
        variants: [
            VariantProfile(name: "fp32", serviceTime: .milliseconds(5), domains: 0..<2),
            VariantProfile(name: "int8", serviceTime: .milliseconds(2), domains: 0..<2),
        ]
    )
    var classes = PriorityClass.defaults
    for index in classes.indices {
        classes[index].maxQueue = 100_000
        classes[index].defaultTimeout = .seconds(3600)
    }
    return SchedulerConfiguration(classes: classes, models: [model], workersPerDomain: [4, 4])
}
