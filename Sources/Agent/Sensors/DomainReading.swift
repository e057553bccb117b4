/// What the downgrade signals of one execution domain read now.
public struct DomainReading: Hashable, Sendable {
    /// The domain (``ExecutionDomain/id``).
    public var domain: Int
    /// The hottest package holding the domain's CPUs, °C; nil without a sensor.
    public var celsius: Double?
    /// Free memory of the domain's NUMA nodes together, MiB; nil without a sensor.
    public var freeMebibytes: Double?

    /// A reading of `domain`; nil values are unknown.
    public init(domain: Int, celsius: Double? = nil, freeMebibytes: Double? = nil) {
        self.domain = domain
        self.celsius = celsius
        self.freeMebibytes = freeMebibytes
    }
}
