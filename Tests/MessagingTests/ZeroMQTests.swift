import Messaging
import Testing

@Suite struct ZeroMQTests {
    @Test func reportsTheLoadedLibraryVersion() {
        let version = ZeroMQ.version
        #expect((version.major, version.minor) >= (4, 2), "libzmq \(version)")
        #expect(version.description == "\(version.major).\(version.minor).\(version.patch)")
    }

    @Test func thisBuildHasCurveAndIPC() {
        // Debian's libzmq5 links libsodium; the agent logs this at start.
        #expect(ZeroMQ.hasCurve)
        #expect(ZeroMQ.has("ipc"))
        #expect(!ZeroMQ.has("no-such-capability"))
    }
}
