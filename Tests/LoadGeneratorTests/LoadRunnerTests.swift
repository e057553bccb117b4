import InferenceTestServer
import LoadGenerator
import Testing

/// Whole runs against a real HTTP server on 127.0.0.1: every request gets
/// exactly one outcome, and the counts match what the server did.
@Suite struct LoadRunnerTests {
    private func plan(
        _ server: InferenceTestServer, rate: Double = 200, duration: Duration = .milliseconds(300),
        classes: [TrafficClass] = [], tensors: LoadPlan.TensorEncoding = .json, connections: Int = 16,
        drainGrace: Duration = .seconds(5)
    ) throws -> LoadPlan {
        try LoadPlan(
            target: .http(ServerURL(parsing: server.url)), model: "toy", rate: rate, duration: duration,
            arrivals: .fixed,
            classes: classes, tensors: tensors, connections: connections, seed: 7, drainGrace: drainGrace)
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
