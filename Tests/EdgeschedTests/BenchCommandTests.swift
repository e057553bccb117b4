import Foundation
import Testing

/// `edgesched bench sched` as an operator runs it.
@Suite struct BenchCommandTests {
    @Test func printsTheSchedulingBenchmarkAsJSON() throws {
        let result = try Edgesched.run([
            "bench", "sched", "--scenario", "steady", "--policy", "edgesched", "--seed", "3", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "edgesched.bench.sched/v1")
        #expect(document["scenario"] as? String == "steady")
        #expect(document["policy"] as? String == "edgesched")
        #expect(document["seed"] as? Int == 3)
        #expect(document["outcomes"] as? Int == document["requests"] as? Int)
        let classes = try #require(document["classes"] as? [[String: Any]])
        #expect(classes.map { $0["name"] as? String } == ["critical", "standard", "batch"])
        for key in [
            "offered", "admitted", "completed", "met_deadline", "downgraded", "rejected", "p50_ms", "p99_ms",
            "worker_time_s",
        ] {
            #expect(classes.allSatisfy { $0[key] != nil }, "classes[].\(key)")
        }
        for key in ["goodput_per_s", "wasted_cpu_s"] {
            #expect(document[key] is Double, "\(key)")
        }
    }

    @Test func textNamesTheScenarioAndTheClasses() throws {
        let result = try Edgesched.run(["bench", "sched", "--scenario", "steady", "--policy", "fifo"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("scenario steady (70 % load"))
        #expect(result.output.contains("\ncritical "))
    }

    @Test(
        "unknown scenario or policy is a usage error listing the choices",
        arguments: [
            (["--scenario", "tsunami"], "The value 'tsunami' is invalid for '--scenario <scenario>'"),
            (["--scenario", "tsunami"], "- steady\n  - overload-2x\n"),
            (
                ["--scenario", "steady", "--policy", "lifo"],
                "The value 'lifo' is invalid for '--policy <policy>'. Please provide one of 'fifo', 'priority', 'queue-timeout' or 'edgesched'"
            ),
        ]
    )
    func refusesUnknownChoices(arguments: [String], message: String) throws {
        let result = try Edgesched.run(["bench", "sched"] + arguments)
        #expect(result.status == 64)
        #expect(result.error.contains(message), "\(result.error)")
    }
}
