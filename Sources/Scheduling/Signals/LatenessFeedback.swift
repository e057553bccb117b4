/// How much longer than predicted a domain's tasks take from admission to
/// completion, learned from how often the admitted ones end late.
///
/// Admission predicts from estimates that the machine itself can make wrong:
/// a host that slows down under the agent makes every queued task's
/// estimate too short at once, and each admission at the deadline's margin
/// then ends late. The prediction's time to completion is stretched by
/// ``scale``: each admitted task that ends late (finished after its
/// deadline, or expired in the queue) raises it by ``step``, each one on
/// time lowers it by `step × target / (1 − target)`, so that it settles
/// where about ``target`` of the admitted tasks end late, and back at 1
/// where predictions hold.
struct LatenessFeedback: Hashable, Sendable {
    /// The share of admitted tasks allowed to end late.
    static let target = 0.002
    /// How far one late task raises the scale.
    static let step = 0.05
    /// The most the prediction is stretched.
    static let maximum = 4.0

    /// What the predicted time to completion is multiplied by: 1 to ``maximum``.
    private(set) var scale = 1.0

    /// Learns from one admitted task with a deadline that ended.
    mutating func record(late: Bool) {
        if late {
            scale = min(Self.maximum, scale + Self.step)
        } else {
            scale = max(1, scale - Self.step * Self.target / (1 - Self.target))
        }
    }
}
