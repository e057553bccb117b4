import CLinux
import CNUMA
import CZeroMQ
import Testing

/// The C modules link against the system libraries the agent needs.
@Suite struct SystemLibraryTests {
    @Test func gettidNamesThisThread() {
        #expect(csys_gettid() > 0)
    }

    @Test func libnumaIsLinked() {
        #expect(numa_available() >= 0)
        #expect(numa_max_node() >= 0)
    }

    @Test func libzmqIsAtLeastVersion4() {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        #expect(major >= 4, "libzmq \(major).\(minor).\(patch)")
    }
}
