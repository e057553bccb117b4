import Foundation
import Testing

/// `edgesched bench plan` as an operator runs it.
@Suite struct BenchPlanCommandTests {
    @Test func printsThePlanBenchmarkAsJSON() throws {
        let result = try Edgesched.run([
            "bench", "plan", "--nodes", "50", "--models", "5", "--rounds", "4", "--seed", "2", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "edgesched.bench.plan/v1")
        #expect(document["nodes"] as? Int == 50)
        #expect(document["models"] as? Int == 5)
        #expect(document["rounds"] as? Int == 4)
        #expect(document["seed"] as? Int == 2)
        let median = try #require(document["plan_ms_median"] as? Double)
        let p99 = try #require(document["plan_ms_p99"] as? Double)
        #expect(median > 0 && median <= p99)
        let moved = try #require(document["moved_fraction"] as? Double)
        #expect((0...1).contains(moved))
    }

    @Test func refusesAnEmptySiteAsAUsageError() throws {
        let result = try Edgesched.run(["bench", "plan", "--nodes", "0", "--models", "5"])
        #expect(result.status == 64)
        #expect(result.error.contains("--nodes 0 must be 1 to 999999"), "\(result.error)")
    }
}
