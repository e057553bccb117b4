import CLinux
import CNUMA
import Foundation
import Placement
import Synchronization
import TestFixtures
import Testing
import Topology

/// Real pinned threads on this machine, checked against what the kernel says.
@Suite(.serialized) struct WorkerPoolTests {
    let topology: MachineTopology

    init() throws {
        topology = try MachineTopology.read()
    }

    private func livePlan(_ policy: PlacementPolicy = PlacementPolicy(smt: .thread, reserve: .none)) throws
        -> ExecutionPlan
    {
        try ExecutionPlan.make(for: topology, policy: policy)
    }

    @Test func workersArePinnedAndNamedAsTheKernelReports() throws {
        let plan = try livePlan()
        let pool = try WorkerPool(plan: plan, source: BlockingWorkQueue(domainCount: plan.domains.count))
        defer { pool.stop() }
        #expect(pool.workers.count == plan.workers.count)
        for worker in pool.workers {
            let task = "/proc/self/task/\(worker.threadID)"
            let status = try String(contentsOfFile: "\(task)/status", encoding: .utf8)
            let allowed = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
            #expect(
                allowed.map { $0.split(separator: "\t").last.map(String.init) } == worker.cpus.linuxList,
                "\(worker.name)")
            let name = try String(contentsOfFile: "\(task)/comm", encoding: .utf8)
            #expect(name == worker.name + "\n")
        }
        #expect(try pool.kernelView().allSatisfy { $0.cpusAllowed == $0.worker.cpus })
    }

    @Test func jobsRunOnTheirDomainsPinnedThreadsWithMemoryBound() throws {
        let plan = try livePlan()
        let queue = BlockingWorkQueue(domainCount: plan.domains.count)
        let pool = try WorkerPool(plan: plan, source: queue)
        let seen = Mutex<[(tid: Int32, affinity: [UInt64], mode: Int32, nodes: UInt)]>([])
        for _ in 0..<200 {
            queue.submit(
                { _ in
                    var words = [UInt64](repeating: 0, count: 16)
                    _ = words.withUnsafeMutableBufferPointer { csys_thread_affinity($0.baseAddress, $0.count) }
                    var mode: Int32 = -1
                    var mask = [UInt](repeating: 0, count: 16)
                    _ = mask.withUnsafeMutableBufferPointer {
                        get_mempolicy(&mode, $0.baseAddress, UInt($0.count * 64), nil, 0)
                    }
                    seen.withLock { $0.append((csys_gettid(), words, mode, mask[0])) }
                }, toDomain: 0)
        }
        pool.stop()
        let results = seen.withLock { $0 }
        #expect(results.count == 200)
        let workersByTID = Dictionary(uniqueKeysWithValues: pool.workers.map { ($0.threadID, $0) })
        for result in results {
            let worker = try #require(workersByTID[result.tid], "a job ran on thread \(result.tid), not a worker")
            #expect(worker.domainID == 0)
            let affinity = CPUSet((0..<1024).filter { result.affinity[$0 / 64] & (1 << UInt64($0 % 64)) != 0 })
            #expect(affinity == worker.cpus)
            #expect(result.mode == MPOL_BIND)
            #expect(result.nodes == UInt(1) << UInt(plan.domains[0].numaNodes.first ?? 0))
        }
    }

    @Test func stopDrainsQueuedWorkThenJoins() throws {
        let plan = try livePlan()
        let queue = BlockingWorkQueue(domainCount: plan.domains.count)
        let pool = try WorkerPool(plan: plan, source: queue)
        let done = Atomic<Int>(0)
        for index in 0..<5000 {
            queue.submit(
                { _ in
                    var sum = 0
                    for value in 0..<(index % 100) { sum &+= value }
                    done.add(sum >= 0 ? 1 : 0, ordering: .relaxed)
                }, toDomain: index % plan.domains.count)
        }
        pool.stop()
        #expect(done.load(ordering: .relaxed) == 5000)
        #expect(queue.queuedCount == 0)
        let accepted = queue.submit({ _ in }, toDomain: 0)
        #expect(!accepted, "a closed queue refuses new work")
        pool.stop()
    }

    @Test func refusedCPUsFailTheStartNamingTheWorkerAndCPUs() throws {
        let missing = (topology.onlineCPUs.last ?? 0) + 1
        let plan = Self.oneDomainPlan(workers: [[0], [missing]], nodes: [], memory: .none)
        let error = try #require(throws: PlacementError.self) {
            try WorkerPool(plan: plan, source: BlockingWorkQueue(domainCount: 1))
        }
        #expect(error.kind == .affinityRefused)
        #expect(
            error.description.contains(
                "worker es-d0-w1: the kernel refused CPUs \(missing) (sched_setaffinity: Invalid argument)"))
    }

    @Test func refusedMemoryPolicyFailsTheStart() throws {
        let plan = Self.oneDomainPlan(workers: [[topology.allowedCPUs.first ?? 0]], nodes: [900], memory: .bind)
        let error = try #require(throws: PlacementError.self) {
            try WorkerPool(plan: plan, source: BlockingWorkQueue(domainCount: 1))
        }
        #expect(error.kind == .memoryPolicyRefused)
        #expect(error.description.contains("refused memory policy bind on nodes 900 (set_mempolicy:"))
    }

    @Test func nodeLocalBufferLivesOnItsNode() throws {
        let node = try #require(topology.numaNodes.first { ($0.memoryBytes ?? 0) > 0 }).osIndex.rawValue
        let buffer = try NodeLocalBuffer(byteCount: 1 << 20, node: node)
        buffer.bytes.initializeMemory(as: UInt8.self, repeating: 7)
        var pageNode: Int32 = -1
        let result = get_mempolicy(&pageNode, nil, 0, buffer.baseAddress, UInt32(MPOL_F_NODE | MPOL_F_ADDR))
        #expect(result == 0)
        #expect(pageNode == Int32(node))
        #expect(buffer.bytes.allSatisfy { $0 == 7 })
    }

    /// A plan made by hand, to ask the kernel for what it must refuse.
    private static func oneDomainPlan(
        workers: [CPUSet],
        nodes: NodeSet,
        memory: PlacementPolicy.MemoryPolicy
    ) -> ExecutionPlan {
        let slots = workers.map { WorkerSlot(cpus: $0, onWholeCore: true) }
        let domain = ExecutionDomain(id: 0, package: LogicalIndex(0), numaNodes: nodes, memory: memory, workers: slots)
        return ExecutionPlan(policy: PlacementPolicy(), reserved: [], domains: [domain], warnings: [])
    }
}
