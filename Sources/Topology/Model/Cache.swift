/// One instance of a CPU cache and the online PUs that share it.
public struct Cache: Hashable, Sendable {
    /// What the cache holds, as sysfs names it.
    public enum CacheType: String, Hashable, Sendable {
        case data
        case instruction
        case unified
    }

    /// 1 for L1, 2 for L2, …
    public var level: Int
    /// Data, instruction or unified.
    public var type: CacheType
    /// Capacity; nil where sysfs gives no size.
    public var sizeBytes: UInt64?
    /// The online PUs that share it.
    public var cpus: CPUSet

    /// A cache instance.
    public init(level: Int, type: CacheType, sizeBytes: UInt64?, cpus: CPUSet) {
        self.level = level
        self.type = type
        self.sizeBytes = sizeBytes
        self.cpus = cpus
    }

    /// hwloc's short name: `L1d`, `L1i`, `L2`, `L3`.
    public var name: String {
        switch type {
        case .data: "L\(level)d"
        case .instruction: "L\(level)i"
        case .unified: "L\(level)"
        }
    }
}
