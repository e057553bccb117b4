import CNUMA
import Glibc

/// Memory on one NUMA node (`numa_alloc_onnode`), freed when the buffer is;
/// for tensors and runtime arenas, so a domain's data stays on its node.
///
/// Without a node (a domain with memory policy `none`) or on a kernel
/// without NUMA, the buffer is ordinary page-aligned memory.
public final class NodeLocalBuffer {
    /// The start of the buffer; valid until the buffer is freed.
    public let baseAddress: UnsafeMutableRawPointer
    /// Its size.
    public let byteCount: Int
    /// The node the pages are bound to, or nil.
    public let node: Int?

    /// Allocates `byteCount` bytes (more than 0) on `node`.
    public init(byteCount: Int, node: Int?) throws(PlacementError) {
        precondition(byteCount > 0, "a buffer of \(byteCount) bytes")
        self.byteCount = byteCount
        if let node, numa_available() >= 0 {
            guard let memory = numa_alloc_onnode(byteCount, Int32(node)) else {
                throw PlacementError(
                    .allocationFailed, "cannot allocate \(byteCount) bytes on NUMA node \(node) (numa_alloc_onnode)")
            }
            baseAddress = memory
            self.node = node
        } else {
            var memory: UnsafeMutableRawPointer?
            let result = posix_memalign(&memory, Int(getpagesize()), byteCount)
            guard result == 0, let memory else {
                throw PlacementError(
                    .allocationFailed, "cannot allocate \(byteCount) bytes (posix_memalign: error \(result))")
            }
            baseAddress = memory
            self.node = nil
        }
    }

    deinit {
        if node != nil {
            numa_free(baseAddress, byteCount)
        } else {
            free(baseAddress)
        }
    }

    /// The buffer as bytes.
    public var bytes: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: baseAddress, count: byteCount)
    }
}
