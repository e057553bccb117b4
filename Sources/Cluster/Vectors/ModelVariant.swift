/// A model's variant: loaded in a domain, placed there by a plan, or a
/// model's default.
public struct ModelVariant: Hashable, Sendable {
    /// The model's name.
    public var model: String
    /// The variant's name.
    public var variant: String

    /// A model's variant.
    public init(model: String, variant: String) {
        self.model = model
        self.variant = variant
    }
}
