import CLinux
import CNUMA
import Glibc
import Topology

/// Pins the calling thread and sets its memory policy, and reads both back
/// from the kernel. Each C call goes through here; each returns the errno
/// it failed with, so the caller can name it.
enum ThreadBinding {
    /// glibc's `CPU_SETSIZE`: affinity masks hold CPUs 0..<1024.
    static let cpuWords = 1024 / 64
    /// Node masks for `get_mempolicy`/`set_mempolicy`: nodes 0..<1024.
    static let nodeWords = 1024 / 64

    /// The calling thread's id.
    static var threadID: Int32 { csys_gettid() }

    /// Names the calling thread; returns 0 or an errno.
    static func setName(_ name: String) -> Int32 {
        -csys_set_thread_name(name)
    }

    /// Pins the calling thread to `cpus`; returns 0 or an errno.
    static func pin(to cpus: CPUSet) -> Int32 {
        let words = Self.words(cpus.map { $0 }, count: cpuWords)
        return -words.withUnsafeBufferPointer { csys_set_thread_affinity($0.baseAddress, $0.count) }
    }

    /// The CPUs the calling thread may run on, or the errno of the failure.
    static func affinity() -> Result<CPUSet, BindingFailure> {
        affinity(of: 0)
    }

    /// The CPUs thread `threadID` of this process may run on, or the errno of
    /// the failure (`ESRCH` once it has exited).
    static func affinity(of threadID: Int32) -> Result<CPUSet, BindingFailure> {
        var words = [UInt64](repeating: 0, count: cpuWords)
        let result = words.withUnsafeMutableBufferPointer { csys_affinity_of(threadID, $0.baseAddress, $0.count) }
        guard result == 0 else { return .failure(BindingFailure(call: "sched_getaffinity", errno: -result)) }
        return .success(CPUSet(bits(words)))
    }

    /// Pins thread `threadID` of this process to `cpus`; returns 0 or an errno.
    static func pin(_ threadID: Int32, to cpus: CPUSet) -> Int32 {
        let words = Self.words(cpus.map { $0 }, count: cpuWords)
        return -words.withUnsafeBufferPointer { csys_set_affinity_of(threadID, $0.baseAddress, $0.count) }
    }

    /// Sets the calling thread's memory policy over `nodes`; `none` leaves
    /// the kernel's default. Returns 0 or an errno.
    static func setMemoryPolicy(_ policy: PlacementPolicy.MemoryPolicy, nodes: NodeSet) -> Int32 {
        guard let mode = mode(of: policy) else { return 0 }
        let nodeList = policy == .preferred ? Array(nodes.prefix(1)) : Array(nodes)
        let mask = words(nodeList, count: nodeWords).map { UInt($0) }
        let result = mask.withUnsafeBufferPointer { set_mempolicy(mode, $0.baseAddress, UInt($0.count * 64 + 1)) }
        return result == 0 ? 0 : errno
    }

    /// The calling thread's memory policy mode (`MPOL_*`) and nodes.
    static func memoryPolicy() -> Result<(mode: Int32, nodes: NodeSet), BindingFailure> {
        var mode: Int32 = 0
        var mask = [UInt](repeating: 0, count: nodeWords)
        let result = mask.withUnsafeMutableBufferPointer {
            get_mempolicy(&mode, $0.baseAddress, UInt($0.count * 64), nil, 0)
        }
        guard result == 0 else { return .failure(BindingFailure(call: "get_mempolicy", errno: errno)) }
        return .success((mode, NodeSet(bits(mask.map { UInt64($0) }))))
    }

    /// The kernel's mode for a policy; nil for `none` (nothing is set).
    static func mode(of policy: PlacementPolicy.MemoryPolicy) -> Int32? {
        switch policy {
        case .bind: MPOL_BIND
        case .preferred: MPOL_PREFERRED
        case .interleave: MPOL_INTERLEAVE
        case .none: nil
        }
    }

    private static func words(_ indices: [Int], count: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: count)
        for index in indices where index < count * 64 {
            words[index / 64] |= 1 << UInt64(index % 64)
        }
        return words
    }

    private static func bits(_ words: [UInt64]) -> [Int] {
        words.indices.flatMap { word in (0..<64).filter { words[word] & (1 << UInt64($0)) != 0 }.map { word * 64 + $0 }
        }
    }
}
