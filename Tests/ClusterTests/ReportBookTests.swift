import Cluster
import Scheduling
import Testing

@Suite struct ReportBookTests {
    func report(_ node: String, sequence: UInt64, intervalMilliseconds: UInt32 = 1000) throws -> NodeReport {
        var report = try NodeReport.workedExample()
        report.node = try NodeID(node)
        report.sequence = sequence
        report.intervalMilliseconds = intervalMilliseconds
        return report
    }

    func at(milliseconds: Int64) -> Instant { Instant(nanoseconds: milliseconds * 1_000_000) }

    @Test func holdsTheNewestReportPerNodeInNodeOrder() throws {
        var book = ReportBook()
        #expect(book.offer(try report("b", sequence: 1), at: at(milliseconds: 0)) == nil)
        #expect(book.offer(try report("a", sequence: 4), at: at(milliseconds: 10)) == nil)
        #expect(book.offer(try report("b", sequence: 2), at: at(milliseconds: 1000)) == nil)
        #expect(book.reports.map { "\($0.node)#\($0.sequence)" } == ["a#4", "b#2"])
        #expect(book.entries[try NodeID("b")]?.receivedAt == at(milliseconds: 1000))
    }

    @Test(arguments: [UInt64(5), 3])
    func dropsARepeatedOrOlderSequenceAsOld(sequence: UInt64) throws {
        var book = ReportBook()
        #expect(book.offer(try report("a", sequence: 5), at: at(milliseconds: 0)) == nil)
        #expect(book.offer(try report("a", sequence: sequence), at: at(milliseconds: 1)) == .oldSequence)
        #expect(book.reports.map(\.sequence) == [5])
        #expect(book.entries[try NodeID("a")]?.receivedAt == at(milliseconds: 0))
    }

    @Test func dropsAReportFromANodeOutsideTheAllowList() throws {
        var book = ReportBook(allowedNodes: [try NodeID("a")])
        #expect(book.offer(try report("intruder", sequence: 1), at: at(milliseconds: 0)) == .unknownNode)
        #expect(book.offer(try report("a", sequence: 1), at: at(milliseconds: 0)) == nil)
        #expect(book.reports.map(\.node.name) == ["a"])
    }

    @Test func dropsANodeSilentForThreeOfItsOwnIntervals() throws {
        var book = ReportBook()
        #expect(book.offer(try report("fast", sequence: 1, intervalMilliseconds: 100), at: at(milliseconds: 0)) == nil)
        #expect(book.offer(try report("slow", sequence: 1, intervalMilliseconds: 1000), at: at(milliseconds: 0)) == nil)
        #expect(book.dropSilentNodes(at: at(milliseconds: 299)).isEmpty)
        #expect(book.dropSilentNodes(at: at(milliseconds: 300)) == [try NodeID("fast")])
        #expect(book.dropSilentNodes(at: at(milliseconds: 2999)).isEmpty)
        #expect(book.dropSilentNodes(at: at(milliseconds: 3000)) == [try NodeID("slow")])
        #expect(book.reports.isEmpty)
    }

    @Test func acceptsARestartedNodeAfterItWasDroppedForSilence() throws {
        var book = ReportBook()
        #expect(book.offer(try report("a", sequence: 90), at: at(milliseconds: 0)) == nil)
        #expect(book.offer(try report("a", sequence: 1), at: at(milliseconds: 1000)) == .oldSequence)
        #expect(book.dropSilentNodes(at: at(milliseconds: 3000)) == [try NodeID("a")])
        #expect(book.offer(try report("a", sequence: 1), at: at(milliseconds: 3001)) == nil)
        #expect(book.reports.map(\.sequence) == [1])
    }
}

@Suite struct PlanBookTests {
    private func plan(_ epoch: UInt64, from coordinator: String, digest: UInt64 = 0) throws -> PublishedPlan {
        PublishedPlan(
            epoch: epoch, inputDigest: digest, coordinator: try NodeID(coordinator), nodes: [], routes: [],
            defaultVariants: [])
    }

    @Test func holdsTheNewestPlanAndDropsAnOlderOrRepeatedEpoch() throws {
        var book = PlanBook()
        #expect(book.newest == nil)
        let first = try plan(7, from: "c1")
        #expect(book.offer(first) == nil)
        #expect(book.offer(try plan(6, from: "c0")) == .oldEpoch)
        #expect(book.offer(try plan(7, from: "c1", digest: 1)) == .oldEpoch)
        #expect(book.newest == first)
        let takingOver = try plan(8, from: "c0")
        #expect(book.offer(takingOver) == nil)
        #expect(book.newest?.epoch == 8)
        #expect(book.newest == takingOver)
    }

    @Test func dropReasonsAreTheMetricLabelValues() {
        #expect(
            DropReason.allCases.map(\.rawValue) == [
                "truncated", "oversized", "wrong_version", "undecodable", "invalid", "unknown_node", "old_sequence",
                "old_epoch",
            ])
    }
}
