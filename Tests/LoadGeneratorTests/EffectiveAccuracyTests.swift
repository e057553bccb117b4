import Inference
import LoadGenerator
import Testing

/// Effective accuracy: each request sent is worth its answering variant's
/// accuracy when answered on time, and nothing otherwise.
@Suite struct EffectiveAccuracyTests {
    /// A manifest of `toy` whose variants have these accuracies (nil: none declared), preferred first.
    static func accuracies(_ variants: [(String, Double?)]) -> VariantAccuracies {
        VariantAccuracies(
            manifest: ModelManifest(
                name: "toy", description: "", inputs: [], outputs: [],
                variants: variants.map {
                    VariantManifest(
                        name: $0.0, runtime: .synthetic, path: nil, accuracy: $0.1, serviceTime: .milliseconds(1),
                        memoryMegabytes: 1)
                },
                placement: PlacementHints(), file: "models/toy.yaml"))
    }

    static let ladder = accuracies([("fp32", 1.0), ("int8", 0.7), ("half", nil)])

    @Test func onTimeAnswersCountAtTheirVariantsAccuracyOverEveryRequestSent() {
        let effective = EffectiveAccuracy(
            onTimeByVariant: ["fp32": 3, "int8": 5], offered: 10, accuracies: Self.ladder)
        #expect(effective.value == (3 * 1.0 + 5 * 0.7) / 10)
        #expect(effective.unknownVariants.isEmpty)
    }

    @Test func lateRefusedTimedOutAndFailedRequestsCountAsWrong() throws {
        var tally = ClassTally()
        tally.offered = 8
        let timeout: UInt64 = 50_000
        tally.record(.answered(latency: 10_000, variant: "fp32"), timeout: timeout)
        tally.record(.answered(latency: 20_000, variant: "int8"), timeout: timeout)
        tally.record(.answered(latency: 60_000, variant: "fp32"), timeout: timeout)
        tally.record(.answered(latency: 70_000, variant: "half"), timeout: timeout)
        tally.record(.deadlineExceeded, timeout: timeout)
        tally.record(.refused(reason: "would_miss_deadline"), timeout: timeout)
        tally.record(.refused(reason: "overload"), timeout: timeout)
        tally.record(.failed(kind: Outcome.noAnswer), timeout: timeout)
        tally.checkInvariants()
        let report = ClassReport(
            name: "standard", timeout: .milliseconds(50), tally: tally, windowSeconds: 1, accuracies: Self.ladder)
        let effective = try #require(report.effectiveAccuracy)
        #expect(effective.value == (1.0 + 0.7) / 8, "the late half answer has no accuracy but counts as wrong anyway")
        #expect(report.onTimeByVariant == ["fp32": 1, "int8": 1])
    }

    @Test func anOnTimeAnswerFromAVariantWithoutAccuracyMakesItUnknownRatherThanRight() {
        let effective = EffectiveAccuracy(
            onTimeByVariant: ["fp32": 4, "half": 2, "distilled": 1, "": 3], offered: 10, accuracies: Self.ladder)
        #expect(effective.value == nil)
        #expect(effective.unknownVariants == ["half": 2, "distilled": 1, "": 3])
    }

    @Test func noRequestSentIsZero() {
        #expect(EffectiveAccuracy(onTimeByVariant: [:], offered: 0, accuracies: Self.ladder).value == 0)
    }

    @Test func withoutAManifestThereIsNoEffectiveAccuracy() {
        var tally = ClassTally()
        tally.offered = 1
        tally.record(.answered(latency: 1, variant: "fp32"), timeout: nil)
        let report = ClassReport(name: "default", timeout: nil, tally: tally, windowSeconds: 1, accuracies: nil)
        #expect(report.effectiveAccuracy == nil)
        #expect(report.onTimeByVariant == ["fp32": 1])
    }

    @Test func theManifestsAccuraciesKeepTheLadderAndLeaveOutUndeclaredOnes() {
        #expect(Self.ladder.variants == ["fp32", "int8", "half"])
        #expect(Self.ladder.accuracy == ["fp32": 1.0, "int8": 0.7])
        #expect(Self.ladder.file == "models/toy.yaml")
    }
}
