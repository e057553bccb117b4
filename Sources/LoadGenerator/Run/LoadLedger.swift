import Histogram

/// The bookkeeping every transport's session shares: the arrivals still to
/// come, the tally of each class, how late the generator handed requests
/// over, and the report at the end.
///
/// Times are nanoseconds after the run's origin, as the ``ArrivalSchedule``
/// gives them; each session keeps its own clock and passes elapsed times in.
/// A session takes the arrivals due with ``takeArrival(dueBy:)`` (each is
/// counted as offered there), records exactly one outcome per arrival, and
/// asks for the ``report(drainSeconds:)`` once every arrival has one.
struct LoadLedger {
    /// An arrival to send now.
    struct Due {
        /// The index of its class in the plan's classes.
        var classIndex: Int
        /// Its position among all arrivals, from 0.
        var sequence: Int
        /// Its intended send time, nanoseconds after the origin.
        var offset: Int64
    }

    private let plan: LoadPlan
    private let accuracies: VariantAccuracies?
    private let classTimeouts: [UInt64?]
    private var schedule: ArrivalSchedule
    private var upcoming: ArrivalSchedule.Arrival?
    private var sequence = 0
    private var lastSent: Int64 = 0
    private var tallies: [ClassTally]
    private var lag = Histogram<UInt64>(
        highestTrackableValue: ClassTally.latencyCeiling, numberOfSignificantValueDigits: .three)

    /// The ledger of `plan`, which must be validated; `accuracies` (nil: none known) value the on-time answers.
    init(plan: LoadPlan, accuracies: VariantAccuracies?) {
        self.plan = plan
        self.accuracies = accuracies
        classTimeouts = plan.classes.map { $0.timeout.map { UInt64($0.microseconds) } }
        schedule = ArrivalSchedule(
            process: plan.arrivals, rate: plan.rate, duration: plan.duration, classes: plan.classes, seed: plan.seed)
        upcoming = schedule.next()
        tallies = Array(repeating: ClassTally(), count: plan.classes.count)
    }

    /// When the next arrival is due, nanoseconds after the origin; nil once the schedule is over.
    var nextOffset: Int64? { upcoming?.offset }

    /// The next arrival if it is due by `elapsed` nanoseconds after the origin, counted as offered, with
    /// its lag (`elapsed` minus its intended time) recorded; nil when none is due yet.
    mutating func takeArrival(dueBy elapsed: Int64) -> Due? {
        guard let arrival = upcoming, arrival.offset <= elapsed else { return nil }
        _ = lag.record(min(UInt64(max(0, (elapsed - arrival.offset) / 1000)), ClassTally.latencyCeiling))
        tallies[arrival.classIndex].offered += 1
        defer {
            sequence += 1
            lastSent = elapsed
            upcoming = schedule.next()
        }
        return Due(classIndex: arrival.classIndex, sequence: sequence, offset: arrival.offset)
    }

    /// Counts `outcome` for a request of class `classIndex`, judged against the class's timeout.
    mutating func record(_ outcome: Outcome, classIndex: Int) {
        tallies[classIndex].record(outcome, timeout: classTimeouts[classIndex])
    }

    /// The report of the finished run, `drainSeconds` having been spent waiting after the last send.
    func report(drainSeconds: Double) -> LoadReport {
        let window = plan.duration.seconds
        var total = ClassTally()
        for tally in tallies {
            tally.checkInvariants()
            total.add(tally)
        }
        total.checkInvariants()
        let sendingSeconds = max(window, Double(lastSent) / 1e9)
        return LoadReport(
            plan: plan,
            classes: zip(plan.classes, tallies).map {
                ClassReport(
                    name: $0.name, timeout: $0.timeout, tally: $1, windowSeconds: window, accuracies: accuracies)
            },
            total: ClassReport(
                name: "total", timeout: nil, tally: total, windowSeconds: window, accuracies: accuracies),
            sentPerSecond: Double(total.offered) / sendingSeconds,
            lagP50: lag.totalCount == 0 ? 0 : lag.valueAtPercentile(50),
            lagP99: lag.totalCount == 0 ? 0 : lag.valueAtPercentile(99),
            lagMax: lag.totalCount == 0 ? 0 : lag.max,
            drainSeconds: drainSeconds, accuracies: accuracies)
    }
}
