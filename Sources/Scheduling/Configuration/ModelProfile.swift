/// A model as the scheduler sees it: its variants from preferred to
/// cheapest (the downgrade ladder) and where each is loaded.
public struct ModelProfile: Hashable, Sendable {
    /// The model's name, for messages.
    public var name: String
    /// The ladder, preferred first (e.g. fp32, fp16, int8, small).
    public var variants: [VariantProfile]

    /// A model with its ladder, preferred first.
    public init(name: String, variants: [VariantProfile]) {
        self.name = name
        self.variants = variants
    }
}
