import LoadGenerator
import TestFixtures
import Testing

/// The arrival process drawn from a seed: its spacing and its class mix.
@Suite struct ArrivalScheduleTests {
    private let classes = [
        TrafficClass(name: "critical", share: 0.1, timeout: .milliseconds(50)),
        TrafficClass(name: "standard", share: 0.6, timeout: .milliseconds(200)),
        TrafficClass(name: "batch", share: 0.3, timeout: nil),
    ]

    @Test func poissonGapsAverageOneOverTheRate() {
        let seed = TestSeed.make(for: "poissonGapsAverageOneOverTheRate")
        let arrivals = Array(
            ArrivalSchedule(process: .poisson, rate: 1000, duration: .seconds(40), classes: classes, seed: seed))
        // 40 000 exponential gaps: the mean's standard error is 0.5 %; 4 % is 8 of them.
        let meanGap = Double(arrivals.last?.offset ?? 0) / Double(arrivals.count)
        #expect(abs(meanGap - 1_000_000) < 40_000, "seed \(seed): mean gap \(meanGap) ns")
        #expect(abs(arrivals.count - 40_000) < 1_600, "seed \(seed): \(arrivals.count) arrivals")
        let gaps = zip(arrivals.dropFirst(), arrivals).map { $0.offset - $1.offset }
        #expect(gaps.allSatisfy { $0 >= 0 }, "seed \(seed): arrivals out of order")
        // Exponential: the share of gaps above the mean is e^-1 (about 0.368).
        let aboveMean = Double(gaps.filter { $0 > 1_000_000 }.count) / Double(gaps.count)
        #expect(abs(aboveMean - 0.368) < 0.02, "seed \(seed): \(aboveMean) of gaps above the mean")
    }

    @Test func fixedArrivalsAreEvenlySpacedFromTimeZero() {
        let arrivals = Array(
            ArrivalSchedule(process: .fixed, rate: 400, duration: .seconds(1), classes: classes, seed: 1))
        #expect(arrivals.count == 400)
        #expect(arrivals.enumerated().allSatisfy { index, arrival in arrival.offset == Int64(index) * 2_500_000 })
    }

    @Test func classesGetTheirSharesOfArrivals() {
        let seed = TestSeed.make(for: "classesGetTheirSharesOfArrivals")
        let arrivals = Array(
            ArrivalSchedule(process: .fixed, rate: 10_000, duration: .seconds(5), classes: classes, seed: seed))
        for (index, trafficClass) in classes.enumerated() {
            let share = Double(arrivals.filter { $0.classIndex == index }.count) / Double(arrivals.count)
            #expect(abs(share - trafficClass.share) < 0.01, "seed \(seed): \(trafficClass.name) share \(share)")
        }
    }

    @Test func theSameSeedGivesTheSameArrivals() {
        let seed = TestSeed.make(for: "theSameSeedGivesTheSameArrivals")
        let first = Array(
            ArrivalSchedule(process: .poisson, rate: 500, duration: .seconds(2), classes: classes, seed: seed))
        let again = Array(
            ArrivalSchedule(process: .poisson, rate: 500, duration: .seconds(2), classes: classes, seed: seed))
        let other = Array(
            ArrivalSchedule(process: .poisson, rate: 500, duration: .seconds(2), classes: classes, seed: seed &+ 1))
        #expect(first == again, "seed \(seed)")
        #expect(first != other, "seed \(seed)")
    }

    @Test func everyArrivalFallsInsideTheDuration() {
        let seed = TestSeed.make(for: "everyArrivalFallsInsideTheDuration")
        let arrivals = ArrivalSchedule(
            process: .poisson, rate: 50, duration: .milliseconds(300), classes: classes, seed: seed)
        #expect(arrivals.allSatisfy { $0.offset >= 0 && $0.offset < 300_000_000 }, "seed \(seed)")
    }
}
