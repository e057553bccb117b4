/// A variant of a model, by its rung on the model's downgrade ladder
/// (``ModelProfile/variants``; 0 is the preferred one); a literal is one.
public struct VariantID: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The rung: the position in the model's ladder.
    public var rung: Int

    /// The variant at `rung`.
    public init(_ rung: Int) {
        self.rung = rung
    }

    /// The variant at the literal's rung.
    public init(integerLiteral rung: Int) {
        self.rung = rung
    }

    /// Richer (lower) rungs first.
    public static func < (lhs: VariantID, rhs: VariantID) -> Bool { lhs.rung < rhs.rung }

    /// `variant N`, as messages show it.
    public var description: String { "variant \(rung)" }
}
