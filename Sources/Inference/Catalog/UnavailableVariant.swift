/// A variant its manifest declares but the catalog left out, and why: so
/// that a command or the agent says which rung serves instead of the
/// preferred one, and answers a request for it with the reason.
public struct UnavailableVariant: Hashable, Sendable {
    /// The variant's name.
    public var name: String
    /// Its place in the manifest's ladder (0: the preferred variant).
    public var rung: Int
    /// Its problems, as the catalog reports them.
    public var reason: String

    /// A left-out variant.
    public init(name: String, rung: Int, reason: String) {
        self.name = name
        self.rung = rung
        self.reason = reason
    }
}
