import Foundation
import InferenceTestServer
import LoadGenerator
import Testing

/// Whole runs against a real HTTP server on 127.0.0.1: every request gets
/// exactly one outcome, and the counts match what the server did.
@Suite struct LoadRunnerTests {
    private func plan(
        _ server: InferenceTestServer, rate: Double = 200, duration: Duration = .milliseconds(300),
        classes: [TrafficClass] = [], tensors: LoadPlan.TensorEncoding = .json, connections: Int = 16,
        preconnect: Int = 0, drainGrace: Duration = .seconds(5)
    ) throws -> LoadPlan {
        try LoadPlan(
            target: .http(ServerURL(parsing: server.url)), model: "toy", rate: rate, duration: duration,
            arrivals: .fixed, classes: classes, tensors: tensors, connections: connections, preconnect: preconnect,
            seed: 7, drainGrace: drainGrace)
    }

    /// A folder holding the manifest of `toy` with variants fp32 (accuracy 1), int8 (0.5) and half (none
    /// declared), for the accuracies over HTTP; the caller removes it.
    private func accuracyManifests() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("load-accuracy-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
        name: toy
        description: the test server's model, for its variants' accuracies
        inputs: [{name: x, datatype: FP32, shape: [1, 4]}]
        outputs: [{name: y, datatype: FP32, shape: [1, 2]}]
        variants:
          - {name: fp32, runtime: synthetic, service_ms: 1, memory_mb: 1, accuracy: 1.0}
          - {name: int8, runtime: synthetic, service_ms: 1, memory_mb: 1, accuracy: 0.5}
          - {name: half, runtime: synthetic, service_ms: 1, memory_mb: 1}
        """.write(toFile: folder + "/toy.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    private func expectEveryRequestCountedOnce(_ report: LoadReport) {
        for row in report.classes + [report.total] {
            #expect(row.outcomes == row.offered, "\(row.name): \(row)")
        }
        #expect(report.classes.map(\.offered).reduce(0, +) == report.total.offered)
    }

    @Test func everyAnswerIsCountedAndLatencyIncludesTheServersDelay() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .milliseconds(20)) }
        let report = try await LoadRunner.run(plan(server))
        let log = server.log
        try await server.stop()
        #expect(report.total.offered == 60)
        #expect(report.total.answered == 60)
        #expect(report.total.admitted == 60)
        #expect(report.total.onTime == 60)
        #expect(log.wellFormed == 60, "\(log.problems)")
        #expect(log.priorities == ["-": 60], "the implicit class sends no priority")
        let latency = try #require(report.total.latency)
        #expect(latency.p50 >= 20_000, "latency from the intended send time includes the 20 ms the server took")
        #expect(abs(report.total.goodputPerSecond - 200) < 1e-9, "60 on time over 0.3 s")
        expectEveryRequestCountedOnce(report)
    }

    @Test func refusalsAreOutcomesCountedByReason() async throws {
        let server = try await InferenceTestServer.start { request in
            switch request.priority {
            case "critical": .ok(delay: .zero)
            case "standard": .error(status: 429, reason: "queue_full")
            default: .error(status: 503, reason: nil)
            }
        }
        let classes = [
            TrafficClass(name: "critical", share: 0.2, timeout: .seconds(2)),
            TrafficClass(name: "standard", share: 0.5, timeout: .milliseconds(500)),
            TrafficClass(name: "batch", share: 0.3, timeout: nil),
        ]
        let report = try await LoadRunner.run(plan(server, rate: 500, classes: classes))
        let log = server.log
        try await server.stop()
        let (critical, standard, batch) = (report.classes[0], report.classes[1], report.classes[2])
        #expect(critical.answered == critical.offered)
        #expect(standard.refused == ["queue_full": standard.offered])
        #expect(standard.admitted == 0)
        #expect(batch.refused == ["http_503": batch.offered])
        #expect(log.priorities == ["critical": critical.offered, "standard": standard.offered, "batch": batch.offered])
        #expect(log.timeouts["2000000"] == critical.offered)
        #expect(log.timeouts["500000"] == standard.offered)
        #expect(report.total.offered == 150)
        #expect([critical, standard, batch].allSatisfy { $0.offered > 0 })
        expectEveryRequestCountedOnce(report)
    }

    @Test func a504IsAdmittedButNeverOnTime() async throws {
        let server = try await InferenceTestServer.start { _ in .error(status: 504, reason: "deadline_exceeded") }
        let report = try await LoadRunner.run(
            plan(server, classes: [TrafficClass(name: "critical", share: 1, timeout: .milliseconds(50))]))
        try await server.stop()
        #expect(report.total.deadlineExceeded == 60)
        #expect(report.total.admitted == 60)
        #expect(report.total.onTime == 0)
        #expect(report.total.latency == nil)
        #expect(report.total.goodputPerSecond == 0)
        expectEveryRequestCountedOnce(report)
    }

    @Test func anAnswerAfterTheTimeoutIsLate() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .milliseconds(30)) }
        let report = try await LoadRunner.run(
            plan(server, classes: [TrafficClass(name: "critical", share: 1, timeout: .milliseconds(5))]))
        try await server.stop()
        #expect(report.total.answered == 60)
        #expect(report.total.onTime == 0, "every answer took at least 30 ms against a 5 ms timeout")
        expectEveryRequestCountedOnce(report)
    }

    @Test func binaryBodiesAreWellFormed() async throws {
        let server = try await InferenceTestServer.start(
            inputs: [("x", "FP32", [-1, 8]), ("flags", "BOOL", [3]), ("ids", "INT32", [2])],
            outputs: [("y", "FP32", [-1, 2]), ("z", "INT64", [1])]
        ) { _ in .ok(delay: .zero) }
        let report = try await LoadRunner.run(plan(server, tensors: .binary))
        let log = server.log
        try await server.stop()
        #expect(log.problems.isEmpty, "\(log.problems)")
        #expect(log.binary == 60)
        #expect(report.total.answered == 60)
        expectEveryRequestCountedOnce(report)
    }

    @Test func aDroppedConnectionFailsItsRequestOnly() async throws {
        let server = try await InferenceTestServer.start { request in
            request.priority == "critical" ? .hangUp : .ok(delay: .zero)
        }
        let classes = [
            TrafficClass(name: "critical", share: 0.5, timeout: nil),
            TrafficClass(name: "batch", share: 0.5, timeout: nil),
        ]
        let report = try await LoadRunner.run(plan(server, classes: classes))
        try await server.stop()
        #expect(report.classes[0].errors == ["connection_error": report.classes[0].offered])
        #expect(report.classes[1].answered == report.classes[1].offered)
        expectEveryRequestCountedOnce(report)
    }

    @Test func requestsStillOutstandingAfterTheDrainAreNoAnswer() async throws {
        let server = try await InferenceTestServer.start { _ in .silence }
        let report = try await LoadRunner.run(
            plan(
                server, classes: [TrafficClass(name: "critical", share: 1, timeout: .milliseconds(10))],
                drainGrace: .milliseconds(100)))
        try await server.stop()
        #expect(report.total.errors == ["no_answer": 60])
        #expect(report.total.admitted == 0)
        expectEveryRequestCountedOnce(report)
    }

    @Test func waitingForAConnectionShowsAsLatency() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .milliseconds(20)) }
        let report = try await LoadRunner.run(
            plan(server, rate: 1000, duration: .milliseconds(50), connections: 2))
        let log = server.log
        try await server.stop()
        #expect(report.total.answered == 50)
        #expect(log.connections <= 3, "two for the load and one for the metadata: \(log.connections)")
        // Two connections serve at most one request per 20 ms each, so the last of
        // 50 answers comes at least 500 ms after the start, while it was due by 50 ms.
        let latency = try #require(report.total.latency)
        #expect(latency.max >= 400_000, "latency counts from the intended send time: \(latency)")
        expectEveryRequestCountedOnce(report)
    }

    @Test func preconnectedConnectionsAreOpenBeforeTheFirstArrivalAndCarryTheLoad() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .milliseconds(5)) }
        let report = try await LoadRunner.run(plan(server, rate: 100, connections: 16, preconnect: 12))
        let log = server.log
        try await server.stop()
        #expect(report.total.answered == 30)
        // One request at a time needs one connection: the other eleven were opened only because they were asked for.
        #expect(log.connections == 13, "twelve for the load and one for the metadata: \(log.connections)")
        let latency = try #require(report.total.latency)
        #expect(latency.p50 >= 5_000, "\(latency)")
        expectEveryRequestCountedOnce(report)
    }

    @Test func aPreconnectionThatCannotOpenFailsTheRunBeforeTheFirstArrival() async throws {
        let server = try await InferenceTestServer.start(connectionLimit: 1) { _ in .ok(delay: .zero) }
        let preconnecting = try plan(server, preconnect: 3)
        let error = await #expect(throws: LoadError.self) { try await LoadRunner.run(preconnecting) }
        let log = server.log
        try await server.stop()
        #expect(error?.kind == .serverUnreachable)
        #expect(
            error?.message.hasPrefix("--preconnect 3: cannot connect to \(server.url)") == true,
            "\(String(describing: error))")
        #expect(log.wellFormed == 0, "nothing is sent once a preconnection fails")
    }

    @Test func integerPrioritiesReachTheServerAsClassPositions() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero) }
        var plan = try plan(
            server,
            classes: [
                TrafficClass(name: "critical", share: 0.5, timeout: nil),
                TrafficClass(name: "batch", share: 0.5, timeout: nil),
            ])
        plan.priorityAsInteger = true
        let report = try await LoadRunner.run(plan)
        let log = server.log
        try await server.stop()
        #expect(log.priorities == ["1": report.classes[0].offered, "2": report.classes[1].offered])
        expectEveryRequestCountedOnce(report)
    }

    @Test func effectiveAccuracyValuesEachOnTimeAnswerAtItsVariantsAccuracyOverEveryRequestSent() async throws {
        let folder = try accuracyManifests()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await InferenceTestServer.start { request in
            switch request.priority {
            case "critical": .ok(delay: .zero, variant: "fp32")
            case "standard": .ok(delay: .zero, variant: "int8")
            default: .error(status: 429, reason: "queue_full")
            }
        }
        var plan = try plan(
            server,
            classes: [
                TrafficClass(name: "critical", share: 0.2, timeout: .seconds(2)),
                TrafficClass(name: "standard", share: 0.5, timeout: .seconds(2)),
                TrafficClass(name: "batch", share: 0.3, timeout: .seconds(2)),
            ])
        plan.target = .http(try ServerURL(parsing: server.url), models: folder)
        plan.allowDowngrades = false
        let report = try await LoadRunner.run(plan)
        let log = server.log
        try await server.stop()
        let (critical, standard, batch) = (report.classes[0], report.classes[1], report.classes[2])
        #expect(critical.onTime == critical.offered && standard.onTime == standard.offered, "\(report.text)")
        #expect(critical.effectiveAccuracy?.value == 1)
        #expect(standard.effectiveAccuracy?.value == 0.5)
        #expect(batch.effectiveAccuracy?.value == 0, "refused requests count as wrong")
        let expected = (Double(critical.offered) + 0.5 * Double(standard.offered)) / Double(report.total.offered)
        let total = try #require(report.total.effectiveAccuracy?.value)
        #expect(abs(total - expected) < 1e-12)
        #expect(report.total.onTimeByVariant == ["fp32": critical.offered, "int8": standard.offered])
        #expect(log.downgradesRefused == report.total.offered, "--no-downgrades asks every request for fp32 only")
        let text = report.text
        #expect(text.contains("on time by variant: int8 \(standard.offered)"), "\(text)")
        #expect(text.contains("accuracies from \(folder)/toy.yaml: fp32 1.0000, int8 0.5000, half none"), "\(text)")
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("standard ") && $0.hasSuffix(" 0.5000") })
        expectEveryRequestCountedOnce(report)
    }

    @Test func anOnTimeAnswerFromAVariantWithoutAccuracyLeavesTheEffectiveAccuracyUnknown() async throws {
        let folder = try accuracyManifests()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero, variant: "half") }
        var plan = try plan(server)
        plan.target = .http(try ServerURL(parsing: server.url), models: folder)
        let report = try await LoadRunner.run(plan)
        let log = server.log
        try await server.stop()
        #expect(report.total.effectiveAccuracy?.value == nil)
        #expect(report.total.effectiveAccuracy?.unknownVariants == ["half": 60])
        #expect(report.text.contains("effective accuracy unknown: no accuracy for half 60"), "\(report.text)")
        #expect(log.downgradesRefused == 0, "downgrades are allowed unless asked otherwise")
    }

    @Test func overHTTPWithoutAManifestTheReportSaysThereIsNoEffectiveAccuracy() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero, variant: "fp32") }
        let report = try await LoadRunner.run(plan(server))
        try await server.stop()
        #expect(report.accuracies == nil)
        #expect(report.total.effectiveAccuracy == nil)
        #expect(report.total.onTimeByVariant == ["fp32": 60])
        #expect(report.text.contains("no manifest read, so no variant accuracies (give --models with --url)"))
    }

    @Test func aServerThatIsNotThereIsAnErrorNamingTheURL() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero) }
        let url = server.url
        try await server.stop()
        let error = try await #require(throws: LoadError.self) {
            try await LoadRunner.run(
                LoadPlan(target: .http(ServerURL(parsing: url)), model: "toy", duration: .milliseconds(50)))
        }
        #expect(error.kind == .serverUnreachable)
        #expect(error.message.hasPrefix(url), "\(error)")
    }

    @Test func anUnknownModelIsAnErrorNamingIt() async throws {
        let server = try await InferenceTestServer.start { _ in .ok(delay: .zero) }
        let error = try await #require(throws: LoadError.self) {
            try await LoadRunner.run(
                LoadPlan(target: .http(ServerURL(parsing: server.url)), model: "nope", duration: .milliseconds(50)))
        }
        try await server.stop()
        #expect(error.kind == .metadataRefused)
        #expect(error.message.contains("/v2/models/nope: HTTP 404"), "\(error)")
    }
}
