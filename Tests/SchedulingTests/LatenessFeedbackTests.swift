import Testing

@testable import Scheduling

/// The feedback that stretches a domain's predictions: up a step per late
/// task, down by so little per on-time one that it settles where the
/// target share ends late, never under 1 nor past its maximum.
struct LatenessFeedbackTests {
    @Test func eachLateTaskRaisesTheScaleByAStepUpToTheMaximum() {
        var feedback = LatenessFeedback()
        feedback.record(late: true)
        feedback.record(late: true)
        #expect(abs(feedback.scale - (1 + 2 * LatenessFeedback.step)) < 1e-12)
        for _ in 0..<1_000 { feedback.record(late: true) }
        #expect(feedback.scale == LatenessFeedback.maximum)
    }

    @Test func onTimeTasksBringItBackToOneAndNoLower() {
        var feedback = LatenessFeedback()
        feedback.record(late: true)
        for _ in 0..<100_000 { feedback.record(late: false) }
        #expect(feedback.scale == 1)
    }

    @Test func atTheTargetShareOfLateTasksItHoldsStill() {
        var feedback = LatenessFeedback()
        for _ in 0..<20 { feedback.record(late: true) }
        let before = feedback.scale
        let perLate = Int((1 / LatenessFeedback.target).rounded()) - 1
        for _ in 0..<10 {
            for _ in 0..<perLate { feedback.record(late: false) }
            feedback.record(late: true)
        }
        #expect(abs(feedback.scale - before) < 1e-9, "\(feedback.scale) against \(before)")
    }
}
