/// A cgroup v2 CPU bandwidth limit (`cpu.max`): the process's cgroup may run
/// `quota` µs of CPU time every `period` µs, `quota / period` CPUs in all.
///
/// The agent plans no more workers than the quota can keep busy: a worker
/// per allowed CPU under a smaller quota would be throttled together, every
/// period, and every deadline would pay for it. ``read(fromRoot:)`` finds it.
///
/// Invariant: `quota` and `period` are positive.
public struct CPUQuota: Hashable, Sendable, CustomStringConvertible {
    /// CPU time the cgroup may use per period, in µs.
    public var quota: Int
    /// The accounting period, in µs.
    public var period: Int
    /// The `cpu.max` that sets the limit, as read (below the topology root).
    public var file: String

    /// A quota of `quota` µs every `period` µs, set by `file`; both must be
    /// positive (``read(fromRoot:)`` refuses files that are not).
    public init(quota: Int, period: Int, file: String) {
        precondition(quota > 0 && period > 0, "a CPU quota of \(quota) µs every \(period) µs")
        self.quota = quota
        self.period = period
        self.file = file
    }

    /// The CPUs the quota amounts to (1.5 for `150000 100000`).
    public var cpus: Double { Double(quota) / Double(period) }

    /// The most workers the quota can keep running: `cpus` rounded up, so a
    /// fractional CPU still gets its worker; at least 1.
    public var workerLimit: Int {
        quota / period + (quota % period == 0 ? 0 : 1)
    }

    /// `cpus` for people: whole numbers without a point, else two decimals.
    public var cpusText: String {
        if quota % period == 0 { return "\(quota / period)" }
        let rounded = (cpus * 100).rounded() / 100
        if rounded == 0 { return "\(cpus)" }
        if rounded < 1e15 && rounded == rounded.rounded(.towardZero) { return "\(Int(rounded))" }
        return "\(rounded)"
    }

    /// The folder of the cgroup whose `cpu.max` sets the limit.
    public var cgroupFolder: String {
        file.hasSuffix("/cpu.max") ? String(file.dropLast("/cpu.max".count)) : file
    }

    /// `cgroup cpu.max 150000 100000 (1.5 CPUs) in /sys/fs/cgroup/app`.
    public var description: String {
        "cgroup cpu.max \(quota) \(period) (\(cpusText) \(cpus == 1 ? "CPU" : "CPUs")) in \(cgroupFolder)"
    }

    /// True when this quota allows fewer CPUs than `other` (exact: the
    /// ratios are compared as full-width products, never as rounded doubles).
    public func isSmaller(than other: CPUQuota) -> Bool {
        let left = UInt(quota).multipliedFullWidth(by: UInt(other.period))
        let right = UInt(other.quota).multipliedFullWidth(by: UInt(period))
        return (left.high, left.low) < (right.high, right.low)
    }
}
