import Cluster
import Testing

@Suite struct PlanBenchmarkTests {
    @Test func aSmallSiteReportsSaneFigures() throws {
        let result = try PlanBenchmark.run(nodes: 50, models: 5, rounds: 5, seed: 3)
        #expect(result.nodes == 50 && result.models == 5 && result.rounds == 5 && result.seed == 3)
        #expect(result.planMillisecondsMedian > 0 && result.planMillisecondsMedian <= result.planMillisecondsP99)
        #expect(result.planMillisecondsP99 <= result.planMillisecondsMax)
        #expect((0...1).contains(result.movedFraction) && result.movedFraction <= result.movedFractionMax)
        #expect(result.placements > 0)
    }

    @Test func theSameSeedBuildsTheSameSite() throws {
        let first = try PlanBenchmark.run(nodes: 30, models: 4, rounds: 3, seed: 9)
        let second = try PlanBenchmark.run(nodes: 30, models: 4, rounds: 3, seed: 9)
        #expect(first.placements == second.placements && first.routes == second.routes)
        #expect(first.movedFraction == second.movedFraction)
    }

    @Test(arguments: [
        (0, 5, 1, "nodes 0 must be 1 to"), (10, 0, 1, "models 0 must be 1 to"),
        (10, 5, 0, "rounds 0 must be 1 or more"),
    ])
    func refusesAnEmptySite(nodes: Int, models: Int, rounds: Int, message: String) {
        #expect {
            try PlanBenchmark.run(nodes: nodes, models: models, rounds: rounds, seed: 1)
        } throws: { error in
            (error as? ClusterError)?.kind == .invalidBenchmark && "\(error)".contains(message)
        }
    }
}
