/// One rung of a model's ladder.
public struct VariantProfile: Hashable, Sendable {
    /// The variant's name, for messages.
    public var name: String
    /// The first estimate of its service time, per domain where it is loaded
    /// (learned online from completions afterwards). A domain missing here
    /// does not have the variant loaded.
    public var serviceTime: [DomainID: Duration]

    /// A variant loaded in the domains of `serviceTime`, with their estimates.
    public init(name: String, serviceTime: [DomainID: Duration]) {
        self.name = name
        self.serviceTime = serviceTime
    }

    /// A variant loaded in `domains`, with the same estimate in each.
    public init(name: String, serviceTime: Duration, domains: Range<Int>) {
        self.init(
            name: name, serviceTime: Dictionary(uniqueKeysWithValues: domains.map { (DomainID($0), serviceTime) }))
    }
}
