import Dispatch
import Foundation
import Inference
import Placement
import Synchronization
import Topology

/// The handoff to a pinned worker: the time from `submit` to the worker
/// starting the task (p50/p99, one task in flight at a time), and tasks per
/// second when tasks are submitted as fast as they can be. Three pools in
/// the same run, with 2 workers each:
/// - `WorkerPool`, pinned: one worker per CPU, memory bound to the node;
/// - `WorkerPool`, unpinned: the same threads and queue, each allowed on
///   every CPU (a plain thread pool);
/// - `DispatchQueue.global()` (and `concurrentPerform` for throughput).
///
/// Usage: swift run -c release HandoffBenchmark [latency-tasks] [flood-tasks]
@main
enum HandoffBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let latencyTasks = arguments.first ?? 20_000
        let floodTasks = arguments.dropFirst().first ?? 200_000
        let topology = try MachineTopology.read()
        let pinnedPlan = try twoWorkerPlan(topology, pinned: true)
        let unpinnedPlan = try twoWorkerPlan(topology, pinned: false)

        print("handoff: submit → a worker starts the task; \(latencyTasks) tasks one at a time, \(floodTasks) flooded")
        print(
            "machine: \(topology.onlineCPUs.count) PUs online (\(topology.onlineCPUs)), allowed \(topology.allowedCPUs)"
        )
        print("pool".padding(toLength: 44, withPad: " ", startingAt: 0) + "   p50 µs    p99 µs     tasks/s")
        for (name, plan, spin) in [
            ("WorkerPool pinned (CPUs \(describe(pinnedPlan)))", pinnedPlan, Duration.zero),
            ("WorkerPool pinned, spin 20 µs", pinnedPlan, .microseconds(20)),
            ("WorkerPool pinned, spin 100 µs", pinnedPlan, .microseconds(100)),
            ("WorkerPool unpinned (CPUs \(describe(unpinnedPlan)))", unpinnedPlan, .zero),
        ] {
            let queue = BlockingWorkQueue(domainCount: plan.domains.count, spin: spin)
            let pool = try WorkerPool(plan: plan, source: queue)
            let latency = measureLatency(tasks: latencyTasks) { job in queue.submit({ _ in job() }, toDomain: 0) }
            let rate = measureThroughput(tasks: floodTasks) { job in queue.submit({ _ in job() }, toDomain: 0) }
            pool.stop()
            report(name, latency, rate)
        }
        let global = DispatchQueue.global()
        let latency = measureLatency(tasks: latencyTasks) { job in global.async { job() } }
        let rate = measureThroughput(tasks: floodTasks) { job in global.async { job() } }
        report("DispatchQueue.global().async", latency, rate)
        report("DispatchQueue.concurrentPerform", nil, concurrentPerformRate(tasks: floodTasks))
    }

    /// Two workers of one domain: each on its own CPU (pinned), or each on
    /// every allowed CPU (unpinned).
    static func twoWorkerPlan(_ topology: MachineTopology, pinned: Bool) throws -> ExecutionPlan {
        let planned = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(smt: .thread, reserve: .none))
        var domain = planned.domains[0]
        let slots = Array(domain.workers.prefix(2))
        domain.workers = pinned ? slots : slots.map { _ in WorkerSlot(cpus: topology.allowedCPUs, onWholeCore: false) }
        return ExecutionPlan(policy: planned.policy, reserved: [], domains: [domain], warnings: [])
    }

    static func describe(_ plan: ExecutionPlan) -> String {
        plan.domains[0].workers.map { $0.cpus.linuxList }.joined(separator: " | ")
    }

    static func now() -> UInt64 {
        UInt64(MonotonicClock.nanoseconds())
    }

    /// Submits one task at a time and waits for it, recording submit → start.
    static func measureLatency(tasks: Int, submit: (@escaping @Sendable () -> Void) -> Void) -> (
        p50: Double, p99: Double
    ) {
        let started = Atomic<UInt64>(0)
        let done = DispatchSemaphore(value: 0)
        var samples: [UInt64] = []
        samples.reserveCapacity(tasks)
        for _ in 0..<tasks {
            let submitted = now()
            submit {
                started.store(now(), ordering: .relaxed)
                done.signal()
            }
            done.wait()
            samples.append(started.load(ordering: .relaxed) &- submitted)
        }
        samples.sort()
        let micro = { (index: Int) in Double(samples[min(index, samples.count - 1)]) / 1000 }
        return (micro(samples.count / 2), micro(samples.count * 99 / 100))
    }

    /// Submits every task at once and times until the last has run.
    static func measureThroughput(tasks: Int, submit: (@escaping @Sendable () -> Void) -> Void) -> Double {
        let remaining = Atomic<Int>(tasks)
        let done = DispatchSemaphore(value: 0)
        let start = now()
        for _ in 0..<tasks {
            submit {
                if remaining.subtract(1, ordering: .relaxed).newValue == 0 { done.signal() }
            }
        }
        done.wait()
        return Double(tasks) / (Double(now() - start) / 1e9)
    }

    static func concurrentPerformRate(tasks: Int) -> Double {
        let counter = Atomic<Int>(0)
        let start = now()
        DispatchQueue.concurrentPerform(iterations: tasks) { _ in counter.add(1, ordering: .relaxed) }
        return Double(tasks) / (Double(now() - start) / 1e9)
    }

    static func report(_ name: String, _ latency: (p50: Double, p99: Double)?, _ rate: Double) {
        let p50 = latency.map { String(format: "%9.1f", $0.p50) } ?? "        -"
        let p99 = latency.map { String(format: "%9.1f", $0.p99) } ?? "        -"
        print(
            name.padding(toLength: 44, withPad: " ", startingAt: 0) + " \(p50) \(p99) \(String(format: "%11.0f", rate))"
        )
    }
}
