/// Why a plan could not be made or its workers could not start. The
/// description names the setting or worker, the value, and what to do.
public struct PlacementError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that act on it.
    public enum Kind: Hashable, Sendable {
        /// A policy word, reserve or count is malformed.
        case invalidPolicy(key: String)
        /// The reserve names a CPU the machine does not have online.
        case unknownCPU
        /// After the reserve, no allowed CPU is left for workers.
        case nothingToPlan
        /// A worker thread could not be created.
        case threadStartFailed(errno: Int32)
        /// The kernel did not pin a worker to its CPUs.
        case affinityRefused
        /// The kernel did not set a worker's memory policy.
        case memoryPolicyRefused
        /// Node-local memory could not be allocated.
        case allocationFailed
        /// `/proc/self/cgroup` or a `cpu.max` is not what the kernel writes.
        case malformedCgroupFile(path: String)
        /// `/proc/self/cgroup` or a `cpu.max` exists but cannot be read.
        case unreadableCgroupFile(path: String, errno: Int32)
    }

    /// What went wrong.
    public var kind: Kind
    /// The sentence shown to the operator.
    public var message: String

    /// An error of `kind` whose description is `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
