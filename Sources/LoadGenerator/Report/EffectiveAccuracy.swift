/// The accuracy of the answers that arrive within their deadline, counting
/// late, refused and failed requests as wrong, the figure the
/// model-switching literature compares: each request sent contributes the
/// accuracy of the variant that answered it when its 200 came on time, else
/// 0, and the sum is divided by the requests sent.
///
/// Invariant: `value` is nil exactly when `unknownVariants` is not empty, and is in [0, 1] otherwise.
public struct EffectiveAccuracy: Hashable, Sendable {
    /// The effective accuracy; nil when an on-time answer came from a variant with no known accuracy,
    /// since counting it as right or as wrong would both be invented.
    public var value: Double?
    /// On-time answers from variants with no known accuracy (absent from the manifest, or declaring
    /// none), by variant; `""` for answers that named no variant.
    public var unknownVariants: [String: Int]

    /// The effective accuracy of `offered` requests of which `onTimeByVariant` were answered on time, by the
    /// variant that answered, with each variant's accuracy from `accuracies`; 0 when none were offered.
    package init(onTimeByVariant: [String: Int], offered: Int, accuracies: VariantAccuracies) {
        var sum = 0.0
        var unknown: [String: Int] = [:]
        for (variant, count) in onTimeByVariant.sorted(by: { $0.key < $1.key }) where count > 0 {
            if let accuracy = accuracies.accuracy[variant] {
                sum += accuracy * Double(count)
            } else {
                unknown[variant] = count
            }
        }
        unknownVariants = unknown
        value = unknown.isEmpty ? (offered == 0 ? 0 : sum / Double(offered)) : nil
    }
}
