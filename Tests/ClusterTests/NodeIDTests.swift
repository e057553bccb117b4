import Cluster
import Testing

@Suite struct NodeIDTests {
    @Test(arguments: ["gw-01", "site.a_node-7", String(repeating: "n", count: NodeID.maximumLength)])
    func acceptsLettersDigitsDotsUnderscoresAndDashes(name: String) throws {
        #expect(try NodeID(name).name == name)
    }

    @Test(arguments: ["", "gw 01", "gw/01", "ünicode", String(repeating: "n", count: NodeID.maximumLength + 1)])
    func refusesAnEmptyOverlongOrOddNameNamingIt(name: String) {
        #expect {
            try NodeID(name)
        } throws: { error in
            (error as? ClusterError)?.kind == .invalidNodeID && "\(error)".contains("\"\(name)\"")
        }
    }

    @Test func ordersByName() throws {
        #expect(try NodeID("coordinator-a") < NodeID("coordinator-b"))
    }
}
