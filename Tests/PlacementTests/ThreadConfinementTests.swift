import CLinux
import Foundation
import Placement
import Synchronization
import Testing
import Topology

/// Real threads of this test process, moved (or not) by a confinement and read back from the kernel.
/// Only the test's own threads are swept (`sweep(among:)`): the other tests' threads stay where they are.
@Suite struct ThreadConfinementTests {
    /// The CPUs this process may use; the tests reserve the first and pin "workers" to the second.
    static let allowed: [Int] = affinity(of: 0).sorted()

    @Test(.enabled(if: allowed.count >= 2, "needs two CPUs"))
    func movesAStrayThreadOntoTheReserveAndLeavesWorkersAndTheirLoadTimeThreads() throws {
        let reserve = CPUSet([Self.allowed[0]])
        let workerCPUs = CPUSet([Self.allowed[1]])
        let confinement = ThreadConfinement(reserve: reserve)
        let helper = Mutex<ParkedThread?>(nil)
        let worker = ParkedThread(pinnedTo: workerCPUs) { threadID in
            let context = WorkerContext(
                domainID: 0, workerIndex: 0, name: "es-d0-w0", threadID: threadID, cpus: workerCPUs,
                numaNodes: NodeSet(), memory: .none)
            confinement.own([context])
            let started = confinement.adoptThreads(startedBy: context) { ParkedThread(pinnedTo: nil) }
            helper.withLock { $0 = started }
        }
        let stray = ParkedThread(pinnedTo: workerCPUs)
        let onReserve = ParkedThread(pinnedTo: reserve)
        let loadTime = try #require(helper.withLock { $0 })
        defer { [worker, loadTime, stray, onReserve].forEach { $0.finish() } }
        #expect(Self.affinity(of: loadTime.threadID) == Set(workerCPUs), "a thread starts on its creator's CPUs")

        let sweep = confinement.sweep(among: [worker, loadTime, stray, onReserve].map(\.threadID))
        #expect(sweep.owned == 2)
        #expect(sweep.onReserve == 2)
        #expect(sweep.elsewhere == 0)
        #expect(sweep.moved.map(\.threadID) == [stray.threadID])
        #expect(sweep.moved.map(\.from) == [workerCPUs])
        #expect(sweep.failures.isEmpty, "\(sweep.failures)")
        #expect(Self.affinity(of: stray.threadID) == Set(reserve))
        #expect(Self.affinity(of: worker.threadID) == Set(workerCPUs))
        #expect(Self.affinity(of: loadTime.threadID) == Set(workerCPUs))
        #expect(Self.affinity(of: onReserve.threadID) == Set(reserve))

        let again = confinement.sweep(among: [worker, loadTime, stray, onReserve].map(\.threadID))
        #expect(again.moved.isEmpty, "a confined thread stays confined")
    }

    @Test(.enabled(if: allowed.count >= 2, "needs two CPUs"))
    func withoutAReserveNothingMoves() {
        let workerCPUs = CPUSet([Self.allowed[1]])
        let stray = ParkedThread(pinnedTo: workerCPUs)
        defer { stray.finish() }
        let sweep = ThreadConfinement(reserve: CPUSet()).sweep(among: [stray.threadID])
        #expect(sweep.moved.isEmpty)
        #expect(sweep.elsewhere == 1)
        #expect(Self.affinity(of: stray.threadID) == Set(workerCPUs))
    }

    /// The CPUs thread `threadID` may run on (0: the caller), as the kernel says.
    static func affinity(of threadID: Int32) -> Set<Int> {
        var words = [UInt64](repeating: 0, count: 16)
        _ = words.withUnsafeMutableBufferPointer { csys_affinity_of(threadID, $0.baseAddress, $0.count) }
        return Set((0..<1024).filter { words[$0 / 64] & (1 << UInt64($0 % 64)) != 0 })
    }
}

/// A thread that pins itself (to `cpus`, or keeps its creator's), runs `setup` with its id, and then
/// waits until ``finish()``; the initialiser returns once `setup` has run.
private final class ParkedThread: Sendable {
    let threadID: Int32
    private let phase: ConditionLock<Phase>

    private struct Phase: Sendable {
        var threadID: Int32 = 0
        var released = false
        var finished = false
    }

    init(pinnedTo cpus: CPUSet?, setup: @escaping @Sendable (Int32) -> Void = { _ in }) {
        let phase = ConditionLock(Phase())
        Thread {
            if let cpus {
                let words = (0..<16).map { word in
                    cpus.reduce(UInt64(0)) { $1 / 64 == word ? $0 | 1 << UInt64($1 % 64) : $0 }
                }
                _ = words.withUnsafeBufferPointer { csys_set_thread_affinity($0.baseAddress, $0.count) }
            }
            let threadID = csys_gettid()
            setup(threadID)
            phase.withLock(wake: .all) { $0.threadID = threadID }
            phase.wait(until: { $0.released }) { _ in }
            phase.withLock(wake: .all) { $0.finished = true }
        }.start()
        self.threadID = phase.wait(until: { $0.threadID != 0 }) { $0.threadID }
        self.phase = phase
    }

    /// Lets the thread end, and waits until it has.
    func finish() {
        phase.withLock(wake: .all) { $0.released = true }
        phase.wait(until: { $0.finished }) { _ in }
    }
}
