import Foundation
import TestFixtures
import Testing

/// `edgesched bench sched --replay` on a recording written in the test.
@Suite struct BenchReplayCommandTests {
    /// Twice one worker's capacity, 1,600 requests, every other one run on int8.
    static func overloadRecording(named name: String) throws -> (folder: URL, path: String) {
        let folder = try TemporaryFiles.folder(named: name)
        let path = folder.appendingPathComponent("overload.esrec").path
        let bytes = RecordingFixture.singleWorker(requests: 1600, gap: .microseconds(2500), downgradeEvery: 2)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    @Test func printsRecordedAndReplayedFiguresAsJSON() throws {
        let (folder, path) = try Self.overloadRecording(named: "replay-json")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Edgesched.run([
            "bench", "sched", "--replay", path, "--policy", "edgesched", "--seed", "4", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "edgesched.bench.replay/v1")
        #expect(document["file"] as? String == path)
        #expect(document["seed"] as? Int == 4)
        #expect(document["requests"] as? Int == 1600)
        #expect(document["workers_per_domain"] as? [Int] == [1])
        #expect(document["workers_source"] as? String == "the most runs at once per domain in the recording")
        #expect(document["classes_source"] as? String == "built-in defaults")
        let classes = try #require(document["classes"] as? [[String: Any]])
        #expect(classes.map { $0["name"] as? String } == ["critical", "standard", "batch"])
        for entry in classes {
            let recorded = try #require(entry["recorded"] as? [String: Any])
            let replayed = try #require(entry["replayed"] as? [String: Any])
            #expect(recorded["offered"] as? Int == replayed["offered"] as? Int)
            #expect(entry["met_deadline_of_admitted_diff_pp"] is Double)
        }
        let replayed = try #require(document["replayed"] as? [String: Any])
        #expect(replayed["schema"] as? String == "edgesched.bench.sched/v1")
        #expect(replayed["outcomes"] as? Int == 1600)
        let samples = try #require(document["service_samples"] as? [[String: Any]])
        #expect(samples.map { $0["runs"] as? Int } == [800, 800])
    }

    /// The text names the file, the policy, the seed and the node, and a
    /// batch weight from `--config` is the one the replay runs with.
    @Test func textAndAConfigurationsClasses() throws {
        let (folder, path) = try Self.overloadRecording(named: "replay-text")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = try TemporaryFiles.configuration(
            named: "replay-text",
            """
            placement: {reserve: none}
            classes:
              - {name: critical, strict: true, timeout: 50ms}
              - {name: standard, weight: 4, timeout: 200ms}
              - {name: batch, weight: 2, timeout: 2s, sheddable: true}
            """)
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let result = try Edgesched.run([
            "bench", "sched", "--replay", path, "--policy", "fifo", "--config", configuration,
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("replay of \(path), policy fifo, seed 1: 1600 requests over 4.0 s\n"))
        #expect(result.output.contains("node: classes from --config \(configuration); workers per domain "))
        #expect(result.output.contains("(the plan of --config \(configuration) on this machine)"))
        #expect(result.output.contains("detector/fp32@0 800 runs, median 5.000 ms; detector/int8@0 800 runs"))
        #expect(result.output.contains("\ncritical "))
        #expect(result.output.contains("\ndowngrades: recorded 800, replayed 0 (-100.00 %)\n"))
    }

    @Test(
        "a bad recording, a bad configuration or a missing choice is an error naming it",
        arguments: [
            (["--replay", "/nonexistent/a.esrec"], 1, "/nonexistent/a.esrec"),
            (["--scenario", "steady", "--replay", "x.esrec"], 64, "give either --scenario NAME or --replay FILE"),
            ([], 64, "give either --scenario NAME or --replay FILE"),
            (["--scenario", "steady", "--config", "a.yaml"], 64, "--config applies to --replay only"),
        ]
    )
    func refusesBadInput(arguments: [String], status: Int32, message: String) throws {
        let result = try Edgesched.run(["bench", "sched"] + arguments)
        #expect(result.status == status, "\(result.error)")
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func aFileThatIsNoRecordingOrAnUnknownClassNamesTheFile() throws {
        let (folder, path) = try Self.overloadRecording(named: "replay-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cut = folder.appendingPathComponent("cut.esrec").path
        try Data(try Data(contentsOf: URL(fileURLWithPath: path)).dropLast(10)).write(to: URL(fileURLWithPath: cut))
        let truncated = try Edgesched.run(["bench", "sched", "--replay", cut])
        #expect(truncated.status == 1)
        #expect(truncated.error.contains("\(cut): at byte "), "\(truncated.error)")
        let configuration = try TemporaryFiles.configuration(
            named: "replay-bad", "placement: {reserve: none}\nclasses: [{name: gold, weight: 1}]\ndefault_class: gold\n"
        )
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let unknown = try Edgesched.run(["bench", "sched", "--replay", path, "--config", configuration])
        #expect(unknown.status == 1)
        #expect(
            unknown.error.contains("\(path): class \"critical\" of the recording is not among the classes of --config"),
            "\(unknown.error)")
    }
}
