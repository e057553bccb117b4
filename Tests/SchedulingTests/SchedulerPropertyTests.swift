import Scheduling
import TestFixtures
import Testing
import Topology

/// Random arrivals, cancellations, failures, a drain and a stop: no task is lost or
/// answered twice, and the bookkeeping holds after every step.
@Suite struct SchedulerPropertyTests {
    @Test("every task gets exactly one outcome", arguments: 0..<8)
    func everyTaskGetsExactlyOneOutcome(round: Int) throws {
        let seed = TestSeed.make(for: "everyTaskGetsExactlyOneOutcome(round: \(round))")
        var random = SeededGenerator(seed: seed)
        var node = try SchedulerFixture(domains: 2, workers: 2)
        var answers: [TaskID: Int] = [:]
        var submitted: [TaskID] = []
        var running: [(task: TaskID, domain: DomainID, ends: Instant)] = []
        func note(_ outcomes: [TaskOutcome]) {
            for outcome in outcomes { answers[outcome.task, default: 0] += 1 }
        }
        for step in 0..<3000 {
            node.advance(.microseconds(Int64(random.next() % 3000)))
            switch random.next() % 10 {
            case 0..<5:
                let classID = ClassID(Int(random.next() % 3))
                let timeout: Duration? = random.next() % 4 == 0 ? nil : .milliseconds(Int64(random.next() % 300))
                let (id, decision) = try node.submit(
                    classID,
                    timeout: timeout,
                    allowDowngrade: random.next() % 5 != 0,
                    lowestVariant: random.next() % 3 == 0 ? 0 : nil,
                    pinnedVariant: random.next() % 6 == 0 ? VariantID(Int(random.next() % 2)) : nil,
                    domains: random.next() % 4 == 0 ? [DomainID(Int(random.next() % 2))] : nil
                )
                submitted.append(id)
                note(decision.outcomes)
            case 5:
                if let victim = submitted.randomElement(using: &random) {
                    note(node.scheduler.cancel(victim, now: node.now).map { [$0] } ?? [])
                    node.scheduler.checkInvariants()
                }
            default:
                let domain = DomainID(Int(random.next() % 2))
                if running.filter({ $0.domain == domain }).count < 2 {
                    let decision = try node.next(domain: domain)
                    note(decision.outcomes)
                    if let assignment = decision.assignment {
                        running.append(
                            (assignment.task, domain, node.now + .milliseconds(Int64(2 + random.next() % 10))))
                    }
                }
            }
            for finished in running.filter({ $0.ends <= node.now }) {
                note([node.complete(finished.task, succeeded: random.next() % 10 != 0)])
            }
            running.removeAll { $0.ends <= node.now }
            if step == 2500 {
                node.scheduler.beginDraining()
            }
        }
        for finished in running {
            note([node.complete(finished.task, succeeded: true)])
        }
        note(node.scheduler.stop(now: node.now))
        #expect(
            answers.count == submitted.count, "seed \(seed): \(submitted.count - answers.count) tasks never answered")
        #expect(answers.values.allSatisfy { $0 == 1 }, "seed \(seed): a task was answered twice")
        #expect(node.scheduler.queuedCount == 0 && node.scheduler.runningCount == 0, "seed \(seed)")
        #expect(node.scheduler.statistics.total.outcomes == submitted.count, "seed \(seed)")
    }
}
