import Benchmark
import DequeModule
import Scheduling
import Synchronization

/// The scheduler's own cost per task, beside the cheapest handoff there is.
///
/// - `scheduler`: with 1000 tasks queued across critical, standard and batch
///   in 2 domains, each iteration submits one task, dispatches one and
///   completes it (so the queue stays at 1000), under a mutex as the agent
///   holds the scheduler.
/// - `mutex FIFO`: the same number of tasks in a mutex-protected deque; each
///   iteration appends one and takes one.
///
/// Run: swift package benchmark --target SchedulingBenchmarks
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3)
    )

    Benchmark("scheduler submit+dispatch+complete, 1000 queued, 3 classes") { benchmark in
        let scheduler = Mutex(try prefilledScheduler(queued: 1000))
        var id: UInt64 = 1_000_000
        var now = Instant(nanoseconds: 1_000_000)
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            id += 1
            now = now + .microseconds(1)
            let request = TaskRequest(
                id: TaskID(id), model: ModelID(0), priorityClass: ClassID(index % 3), timeout: .seconds(3600))
            let domain = index % 2
            let current = now
            try scheduler.withLock { scheduler in
                blackHole(try scheduler.submit(request, now: current))
                if let assignment = try scheduler.next(domain: domain, now: current).assignment {
                    blackHole(scheduler.complete(assignment.task, now: current + .milliseconds(2), succeeded: true))
                }
            }
        }
        benchmark.stopMeasurement()
    }

    Benchmark("mutex FIFO append+take, 1000 queued") { benchmark in
        let queue = Mutex(Deque<UInt64>(0..<1000))
        var id: UInt64 = 1_000_000
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            id += 1
            let value = id
            queue.withLock { $0.append(value) }
            blackHole(queue.withLock { $0.popFirst() })
        }
        benchmark.stopMeasurement()
    }
}

/// A scheduler for the default classes and a 2-rung model in 2 domains of
/// 4 workers, with `queued` tasks queued (no deadline pressure: an hour).
private func prefilledScheduler(queued: Int) throws -> Scheduler {
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
    }
    var scheduler = try Scheduler(
        configuration: SchedulerConfiguration(classes: classes, models: [model], workersPerDomain: [4, 4]))
    for index in 0..<queued {
        let request = TaskRequest(
            id: TaskID(UInt64(index)), model: ModelID(0), priorityClass: ClassID(index % 3), timeout: .seconds(3600))
        _ = try scheduler.submit(request, now: .zero)
    }
    return scheduler
}
