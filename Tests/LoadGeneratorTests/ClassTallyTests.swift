import LoadGenerator
import NIOCore
import TestFixtures
import Testing
import Topology

/// Counting outcomes: each request lands in exactly one bucket.
@Suite struct ClassTallyTests {
    @Test(
        "statuses map to outcomes",
        arguments: [
            (200, "", Outcome.answered(latency: 7, variant: "")),
            (
                200, #"{"id":"c-1","model_name":"vision","model_version":"int8","outputs":[]}"#,
                .answered(latency: 7, variant: "int8")
            ),
            (504, #"{"error":"late","reason":"deadline_exceeded"}"#, .deadlineExceeded),
            (429, #"{"error": "full", "reason": "queue_full"}"#, .refused(reason: "queue_full")),
            (503, #"{"error":"draining","reason":"shutting_down"}"#, .refused(reason: "shutting_down")),
            (503, "Service Unavailable", .refused(reason: "http_503")),
            (429, #"{"reason": 3}"#, .refused(reason: "http_429")),
            (400, #"{"error":"bad","reason":"shape"}"#, .failed(kind: "http_400")),
            (500, "", .failed(kind: "http_500")),
        ]
    )
    func classifiesAStatus(status: Int, body: String, expected: Outcome) {
        #expect(Outcome.classify(status: status, body: ByteBuffer(string: body), latency: 7) == expected)
    }

    @Test(
        "the reason is read only when it is a plain identifier",
        arguments: [
            (#"{"reason":"would_miss_deadline","error":"x"}"#, "would_miss_deadline"),
            (#"{"error":"has \"reason\" inside","reason" : "overload"}"#, "overload"),
            (#"{"reason":"with space"}"#, nil), (#"{"reason":""}"#, nil), (#"{"reason":"unterminated"#, nil),
            (#"{"reason""#, nil), ("", nil),
            ("{\"reason\":\"" + String(repeating: "a", count: 65) + "\"}", nil),
        ]
    )
    func readsTheReason(body: String, expected: String?) {
        #expect(AnswerMember.reason(in: ByteBuffer(string: body)) == expected)
    }

    @Test(
        "the variant of an answer is its model_version, when a plain identifier",
        arguments: [
            (#"{"model_name":"vision","model_version":"half","parameters":{}}"#, "half"),
            (#"{"model_name":"toy","model_version": "1"}"#, "1"),
            (#"{"model_name":"toy"}"#, nil), (#"{"model_version":7}"#, nil),
        ]
    )
    func readsTheModelVersion(body: String, expected: String?) {
        #expect(AnswerMember.modelVersion(in: ByteBuffer(string: body)) == expected)
    }

    @Test func onTimeNeedsA200WithinTheTimeout() {
        var tally = ClassTally()
        tally.offered = 4
        tally.record(.answered(latency: 50_000, variant: "fp32"), timeout: 50_000)
        tally.record(.answered(latency: 50_001, variant: "fp32"), timeout: 50_000)
        tally.record(.deadlineExceeded, timeout: 50_000)
        tally.record(.refused(reason: "queue_full"), timeout: 50_000)
        #expect(tally.answered == 2)
        #expect(tally.onTime == 1)
        #expect(tally.onTimeByVariant == ["fp32": 1], "the late answer is not counted for its variant")
        #expect(tally.deadlineExceeded == 1)
        #expect(tally.refused == ["queue_full": 1])
        #expect(tally.outcomes == 4)
        tally.checkInvariants()
    }

    @Test func withoutATimeoutEvery200IsOnTime() {
        var tally = ClassTally()
        tally.offered = 2
        tally.record(.answered(latency: 1, variant: "fp32"), timeout: nil)
        tally.record(.answered(latency: 500_000_000, variant: "int8"), timeout: nil)
        #expect(tally.onTime == 2)
        tally.checkInvariants()
    }

    @Test func everyRandomOutcomeIsCountedExactlyOnce() {
        let seed = TestSeed.make(for: "everyRandomOutcomeIsCountedExactlyOnce")
        var random = SeededGenerator(seed: seed)
        let outcomes: [Outcome] = [
            .answered(latency: 10, variant: "fp32"), .answered(latency: 90_000, variant: "int8"), .deadlineExceeded,
            .refused(reason: "queue_full"),
            .refused(reason: "overload"), .failed(kind: Outcome.connectionError), .failed(kind: Outcome.noAnswer),
            .failed(kind: "http_400"),
        ]
        var first = ClassTally()
        var second = ClassTally()
        for index in 0..<5000 {
            let outcome = outcomes[Int(random.next() % UInt64(outcomes.count))]
            if index % 2 == 0 {
                first.offered += 1
                first.record(outcome, timeout: 50_000)
            } else {
                second.offered += 1
                second.record(outcome, timeout: 50_000)
            }
        }
        var total = first
        total.add(second)
        #expect(total.offered == 5000, "seed \(seed)")
        #expect(total.outcomes == 5000, "seed \(seed)")
        total.checkInvariants()
    }
}
