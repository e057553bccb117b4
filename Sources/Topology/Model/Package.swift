/// A physical processor package (a socket).
public struct Package: Hashable, Sendable {
    /// Position among the machine's packages, ordered by first PU.
    public var logicalIndex: LogicalIndex
    /// The kernel's `physical_package_id`; nil where the kernel gives -1.
    public var osIndex: OSIndex?
    /// The package's online PUs.
    public var cpus: CPUSet

    /// A package.
    public init(logicalIndex: LogicalIndex, osIndex: OSIndex?, cpus: CPUSet) {
        self.logicalIndex = logicalIndex
        self.osIndex = osIndex
        self.cpus = cpus
    }
}
