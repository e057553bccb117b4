import Topology

extension TensorValues {
    /// The most distinct input sets (requests per class).
    static let variety = 8
    /// The bytes all requests together may take; large tensors get fewer distinct sets.
    static let byteBudget = 64 << 20

    /// Up to ``variety`` sets of values for `inputs`, drawn from `plan`'s seed, as many as fit the
    /// ``byteBudget`` across the plan's classes when each value byte costs `bytesPerByte` on the wire
    /// (8 for JSON text, 1 for raw bytes); at least one.
    /// - Throws: ``LoadError/Kind/unusableMetadata`` naming `source` when an input cannot be filled.
    static func sets(
        for inputs: [ModelMetadata.Tensor], plan: LoadPlan, bytesPerByte: Int, source: String
    ) throws(LoadError) -> [[TensorValues]] {
        var random = SplitMix64(seed: plan.seed ^ 0x5445_4E53_4F52_5321)
        var sets: [[TensorValues]] = []
        var setBytes = 0
        repeat {
            var set: [TensorValues] = []
            for input in inputs {
                set.append(try TensorValues(for: input, random: &random, source: source))
            }
            setBytes = max(1, set.reduce(0) { $0 + $1.bytes.count * bytesPerByte })
            sets.append(set)
        } while sets.count < min(variety, max(1, byteBudget / (setBytes * plan.classes.count)))
        return sets
    }
}
