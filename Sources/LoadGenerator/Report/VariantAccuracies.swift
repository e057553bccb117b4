public import Inference

/// The accuracy of each variant of the run's model, as its manifest
/// declares it (`accuracy:`, such as top-1 agreement with the preferred
/// variant): what an on-time answer from that variant is worth in the
/// effective accuracy.
///
/// Invariant: every key of `accuracy` is in `variants`, and each value is in [0, 1] (the manifest reader
/// checks it).
public struct VariantAccuracies: Hashable, Sendable {
    /// The manifest file the accuracies come from.
    public var file: String
    /// The manifest's usable variants, preferred first.
    public var variants: [String]
    /// The accuracy of each variant that declares one; a variant without one is missing here, never 1.
    public var accuracy: [String: Double]

    /// The accuracies `manifest` declares for its usable variants.
    public init(manifest: ModelManifest) {
        file = manifest.file
        variants = manifest.variants.map(\.name)
        accuracy = Dictionary(
            uniqueKeysWithValues: manifest.variants.compactMap { variant in variant.accuracy.map { (variant.name, $0) }
            }
        )
    }

}
