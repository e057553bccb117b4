import Scheduling
import Simulation
import Testing

/// `edgesched record inspect`'s summary: requests by model and class,
/// served on time against each record's own deadline, refusals by reason,
/// runs by variant (a failed run counts where it ran) and the records dropped.
@Suite struct RecordingSummaryTests {
    static let header = RecordingHeader(
        wallClockStart: 0, monotonicStart: Instant(nanoseconds: 1_000_000_000), classes: ["critical", "batch"],
        models: [RecordingHeader.Model(name: "vision", variants: ["fp32", "int8"])], ingresses: ["http", "zeromq"])

    static func record(
        at milliseconds: Int64, class priorityClass: Int, refusal: RefusalReason? = nil, ranOn rung: Int? = nil,
        answeredAfter: Duration = .milliseconds(5), ingress: Int = 0
    ) -> RecordedArrival {
        RecordedArrival(
            arrival: Instant(nanoseconds: 1_000_000_000 + milliseconds * 1_000_000), model: ModelID(0),
            priorityClass: ClassID(priorityClass), timeout: nil, deadline: .milliseconds(10), allowDowngrade: true,
            lowestVariant: nil, pinnedVariant: nil, inputBytes: 150_528, ingress: ingress, refusal: refusal,
            variant: rung.map { VariantID($0) }, downgrade: rung == 1 ? .pressure : nil,
            domain: rung.map { _ in DomainID(0) }, answeredAfter: answeredAfter,
            queueTime: rung.map { _ in .milliseconds(1) }, serviceTime: rung.map { _ in .milliseconds(4) })
    }

    @Test func countsRequestsOutcomesAndVariantsAndTheRecordsDropped() {
        let recording = ArrivalRecording(
            header: Self.header,
            arrivals: [
                Self.record(at: 30, class: 0, ranOn: 0),
                Self.record(at: 10, class: 0, ranOn: 1, answeredAfter: .milliseconds(12), ingress: 1),
                Self.record(at: 20, class: 1, refusal: .queueFull),
                Self.record(at: 40, class: 1, refusal: .runtimeError, ranOn: 1),
            ],
            gaps: [RecordingGap(noticed: Instant(nanoseconds: 1_050_000_000), dropped: 3)])
        let summary = RecordingSummary(recording, path: "arrivals.esrec")
        #expect(summary.requests == 4)
        #expect(summary.dropped == 3)
        #expect(summary.firstArrival == .milliseconds(10))
        #expect(summary.lastArrival == .milliseconds(40))
        #expect(summary.served == 2)
        #expect(summary.refused == [.queueFull: 1, .runtimeError: 1])
        #expect(summary.ingresses == ["http": 3, "zeromq": 1])
        #expect(summary.groups.map(\.priorityClass) == ["critical", "batch"])
        #expect(summary.groups.map(\.requests) == [2, 2])
        #expect(summary.groups.map(\.served) == [2, 0])
        #expect(summary.groups.map(\.onTime) == [1, 0])
        #expect(summary.variants.map(\.variant) == ["fp32", "int8"])
        #expect(summary.variants.map(\.runs) == [1, 2])
        #expect(summary.variants.map(\.downgrades) == [[:], [.pressure: 2]])
        #expect(summary.serviceTime.count == 3)
        #expect(summary.text.contains("4 requests, arrivals from 0.010 s to 0.040 s; 3 dropped unrecorded"))
        #expect(summary.text.contains("outcomes: served 2, queue_full 1, runtime_error 1\n"))
    }
}
