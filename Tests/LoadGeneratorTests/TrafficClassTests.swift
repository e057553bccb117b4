import LoadGenerator
import Testing

/// `--class NAME:SHARE:TIMEOUT` and the other flags' values as an operator types them.
@Suite struct TrafficClassTests {
    @Test(
        "a class reads its name, share and timeout",
        arguments: [
            ("critical:0.1:50ms", TrafficClass(name: "critical", share: 0.1, timeout: .milliseconds(50))),
            ("batch:0.25:2s", TrafficClass(name: "batch", share: 0.25, timeout: .seconds(2))),
            ("best_effort:1", TrafficClass(name: "best_effort", share: 1, timeout: nil)),
            ("fast:0.5:250us", TrafficClass(name: "fast", share: 0.5, timeout: .microseconds(250))),
        ]
    )
    func readsAClass(text: String, expected: TrafficClass) throws {
        #expect(try TrafficClass.parse(text) == expected)
    }

    @Test(
        "a bad class names the flag, the value and the problem",
        arguments: [
            ("critical:x:50ms", "--class critical:x:50ms: share \"x\" is not a number between 0 and 1"),
            ("critical:1.5:50ms", "--class critical:1.5:50ms: share \"1.5\" is not a number between 0 and 1"),
            ("critical:0:50ms", "--class critical:0:50ms: share \"0\" is not a number between 0 and 1"),
            (
                "critical:0.1:soon",
                "--class critical:0.1:soon: timeout \"soon\" is not a positive duration such as 50ms, 250us or 2s"
            ),
            ("critical", "--class critical: expected NAME:SHARE:TIMEOUT, such as critical:0.1:50ms"),
            (":0.1:5ms", "--class :0.1:5ms: name \"\" must be letters, digits, \"_\" or \"-\""),
        ]
    )
    func refusesABadClass(text: String, message: String) {
        #expect(throws: LoadError(.invalidArgument, message)) { try TrafficClass.parse(text) }
    }

    @Test(
        "durations read with their unit",
        arguments: [
            ("10s", Duration.seconds(10)), ("500ms", .milliseconds(500)), ("1.5s", .milliseconds(1500)),
            ("2m", .seconds(120)), ("250us", .microseconds(250)),
        ]
    )
    func readsADuration(text: String, expected: Duration) {
        #expect(DurationArgument.parse(text) == expected)
    }

    @Test(arguments: ["10", "s", "ten s", "-1s", "1.2.3s", "5h", ""])
    func refusesADurationWithoutNumberAndUnit(text: String) {
        #expect(DurationArgument.parse(text) == nil)
    }

    @Test func sharesMustAddUpToOne() throws {
        let url = try ServerURL(parsing: "http://127.0.0.1:8000")
        let plan = LoadPlan(
            target: .http(url), model: "m",
            classes: [
                TrafficClass(name: "a", share: 0.5, timeout: nil), TrafficClass(name: "b", share: 0.4, timeout: nil),
            ])
        #expect(
            throws: LoadError(.invalidArgument, "--class: shares add up to 0.9 (a 0.5, b 0.4); they must add up to 1")
        ) {
            try plan.validated()
        }
    }

    @Test func noClassMeansOneDefaultClassWithoutTimeout() throws {
        let plan = try LoadPlan(target: .http(ServerURL(parsing: "http://localhost:9")), model: "m").validated()
        #expect(plan.classes == [TrafficClass(name: "default", share: 1, timeout: nil)])
    }

    @Test(
        "URLs split into host, port and prefix",
        arguments: [
            ("http://127.0.0.1:8000", "127.0.0.1", 8000, ""), ("http://gateway", "gateway", 80, ""),
            ("http://[::1]:9000/serving/", "::1", 9000, "/serving"),
        ]
    )
    func readsAURL(text: String, host: String, port: Int, prefix: String) throws {
        let url = try ServerURL(parsing: text)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.pathPrefix == prefix)
    }

    @Test(
        "a bad URL names the flag and the value",
        arguments: [
            ("https://node:8000", "--url https://node:8000: expected http://HOST:PORT (only plain http is supported)"),
            ("http://node:http", "--url http://node:http: port \"http\" is not a number from 1 to 65535"),
            ("http://:80", "--url http://:80: no host; expected http://HOST:PORT"),
        ]
    )
    func refusesABadURL(text: String, message: String) {
        #expect(throws: LoadError(.invalidArgument, message)) { try ServerURL(parsing: text) }
    }
}
