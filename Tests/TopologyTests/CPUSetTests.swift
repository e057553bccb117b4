import TestFixtures
import Testing
import Topology

@Suite struct CPUSetTests {
    @Test(
        "reads a Linux list",
        arguments: [
            ("0-3,8,10-11", [0, 1, 2, 3, 8, 10, 11]),
            ("5", [5]),
            ("", []),
            ("\n", []),
            ("0-1\n", [0, 1]),
            ("0-63\0\0\0", Array(0...63)),
            ("1,3,5", [1, 3, 5]),
            ("60-70", Array(60...70)),
        ]
    )
    func readsLinuxList(text: String, cpus: [Int]) throws {
        #expect(Array(try CPUSet(linuxList: text)) == cpus)
    }

    @Test(
        "writes a Linux list",
        arguments: [
            ([0, 1, 2, 3, 8, 10, 11], "0-3,8,10-11"),
            ([], ""),
            ([7], "7"),
            ([0, 1], "0-1"),
            ([0, 2, 4], "0,2,4"),
            ([63, 64, 65, 200], "63-65,200"),
        ]
    )
    func writesLinuxList(cpus: [Int], text: String) {
        #expect(CPUSet(cpus).linuxList == text)
    }

    @Test(
        "refuses a malformed list, saying why",
        arguments: [
            ("0-", "has no end"),
            ("-3", "has no start"),
            ("x", "is not a number"),
            ("1,,2", "empty item"),
            ("3-1", "runs backwards"),
            ("99999999999", "beyond the largest"),
            ("0-70000", "beyond the largest"),
            ("1;2", "is not a number"),
        ]
    )
    func refusesMalformedList(text: String, reason: String) {
        #expect {
            try CPUSet(linuxList: text)
        } throws: { error in
            let error = error as? IndexListError
            return error?.text == text && error?.reason.contains(reason) == true
        }
    }

    @Test(
        "reads a Linux mask",
        arguments: [
            ("0000000f", [0, 1, 2, 3]),
            ("00000001,00000000", [32]),
            ("00000000,00000000,000000ff\n", Array(0...7)),
            ("80000000", [31]),
            ("0", []),
        ]
    )
    func readsLinuxMask(text: String, cpus: [Int]) throws {
        #expect(Array(try CPUSet(linuxMask: text)) == cpus)
    }

    @Test("refuses a malformed mask", arguments: ["0x1", "fffffffff", "00000001,", "zz"])
    func refusesMalformedMask(text: String) {
        #expect(throws: IndexListError.self) { try CPUSet(linuxMask: text) }
    }

    @Test func formattedListReadsBackAsTheSameSet() throws {
        let seed = TestSeed.make(for: "CPUSetTests.formattedListReadsBackAsTheSameSet")
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<2000 {
            let limit = [8, 64, 130, 1024, 8192].randomElement(using: &generator) ?? 64
            let density = Double.random(in: 0...1, using: &generator)
            let cpus = CPUSet((0..<limit).filter { _ in Double.random(in: 0...1, using: &generator) < density })
            let text = cpus.linuxList
            #expect(try CPUSet(linuxList: text) == cpus, "seed \(seed): \(text)")
        }
    }

    @Test func setAlgebraAgreesWithSwiftSet() {
        let seed = TestSeed.make(for: "CPUSetTests.setAlgebraAgreesWithSwiftSet")
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let a = Set((0..<200).filter { _ in Bool.random(using: &generator) })
            let b = Set((0..<300).filter { _ in Int.random(in: 0..<4, using: &generator) == 0 })
            let x = CPUSet(a)
            let y = CPUSet(b)
            #expect(Set(x.union(y)) == a.union(b), "seed \(seed)")
            #expect(Set(x.intersection(y)) == a.intersection(b), "seed \(seed)")
            #expect(Set(x.subtracting(y)) == a.subtracting(b), "seed \(seed)")
            #expect(Set(x.symmetricDifference(y)) == a.symmetricDifference(b), "seed \(seed)")
            #expect(x.isSubset(of: y) == a.isSubset(of: b), "seed \(seed)")
            #expect(x.isDisjoint(with: y) == a.isDisjoint(with: b), "seed \(seed)")
            #expect(x.count == a.count && x.first == a.min() && x.last == a.max(), "seed \(seed)")
        }
    }

    @Test func equalSetsAreEqualWhateverTheirHistory() {
        var grown: CPUSet = [1, 500]
        grown.remove(500)
        #expect(grown == [1])
        #expect(grown.hashValue == CPUSet([1]).hashValue)
    }

    @Test func ordersByFirstCPU() {
        let sets: [CPUSet] = [[4, 5], [0, 8], [1], [0, 2]]
        #expect(sets.sorted() == [[0, 2], [0, 8], [1], [4, 5]])
    }

    @Test func nodeSetReadsANodeList() throws {
        let nodes = try NodeSet(linuxList: "0-1,4")
        #expect(Array(nodes) == [0, 1, 4])
        #expect(throws: IndexListError.self) { try NodeSet(linuxList: "0-x") }
    }
}
