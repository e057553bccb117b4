import Scheduling

/// Recordings in the agent's format (docs/recording.md), written with the
/// `Scheduling` encoder, for replay tests: what an agent with one worker in
/// domain 0 and the default classes would have recorded for a fixed stream
/// of arrivals, served first come first served.
public enum RecordingFixture {
    /// The classes, in class number order: the agent's defaults.
    public static let classes = ["critical", "standard", "batch"]
    /// Each class's timeout, as the load generator sends it.
    public static let timeouts: [Duration] = [.milliseconds(50), .milliseconds(200), .seconds(2)]
    /// The model and its rungs.
    public static let model = "detector"
    public static let variants = ["fp32", "int8"]

    /// The file's bytes: `requests` arrivals `gap` apart from 1 ms after the
    /// start, classes in the repeating pattern critical, six standard, three
    /// batch (10 %, 60 %, 30 %); each served in arrival order by the one
    /// worker, on `fp32` (4.5, 5 or 5.5 ms in turn) or, for every
    /// `downgradeEvery`-th request when it is positive, on `int8` (2 ms,
    /// downgraded for `pressure`), each started `dispatchGap` after the run
    /// before it at the earliest; `classOf` and `fp32Time` override the
    /// class pattern and the fp32 service time by request number. Records
    /// are written in answer order.
    public static func singleWorker(
        requests: Int, gap: Duration, downgradeEvery: Int = 0, dispatchGap: Duration = .zero,
        classOf: (Int) -> Int = { [0, 1, 1, 1, 1, 1, 1, 2, 2, 2][$0 % 10] },
        fp32Time: (Int) -> Duration = { .microseconds([4500, 5000, 5500][$0 % 3]) }
    ) -> [UInt8] {
        let start = Instant(nanoseconds: 1_000_000_000)
        var bytes = RecordingFormat.encode(
            RecordingHeader(
                wallClockStart: 1_764_633_600_000_000_000, monotonicStart: start, classes: classes,
                models: [RecordingHeader.Model(name: model, variants: variants)], ingresses: ["http", "zeromq"]))
        var workerFree = start
        for index in 0..<requests {
            let arrival = start + .milliseconds(1) + gap * index
            let classIndex = classOf(index)
            let downgraded = downgradeEvery > 0 && index % downgradeEvery == 0
            let service = downgraded ? Duration.milliseconds(2) : fp32Time(index)
            let started = index == 0 ? arrival : max(arrival, workerFree + dispatchGap)
            workerFree = started + service
            let record = RecordedArrival(
                arrival: arrival, model: ModelID(0), priorityClass: ClassID(classIndex), timeout: timeouts[classIndex],
                deadline: timeouts[classIndex], allowDowngrade: true, lowestVariant: nil, pinnedVariant: nil,
                inputBytes: 64, ingress: 0, refusal: nil, variant: VariantID(downgraded ? 1 : 0),
                downgrade: downgraded ? .pressure : nil, domain: DomainID(0), answeredAfter: workerFree - arrival,
                queueTime: started - arrival, serviceTime: service)
            RecordingFormat.append(record, since: start, to: &bytes)
        }
        return bytes
    }

    /// A recording's header and no records.
    public static func empty() -> [UInt8] {
        RecordingFormat.encode(
            RecordingHeader(
                wallClockStart: 0, monotonicStart: Instant(nanoseconds: 0), classes: classes,
                models: [RecordingHeader.Model(name: model, variants: variants)], ingresses: ["http"]))
    }
}
