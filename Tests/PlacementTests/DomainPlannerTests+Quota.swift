import Placement
import TestFixtures
import Testing
import Topology

/// Plans under a cgroup CPU quota, read from copies of the project's trees
/// with cgroup files added, as the agent reads them below its root.
extension DomainPlannerTests {
    /// A copy of the project's tree `name` whose process sits in cgroup
    /// `/app` with `cpuMax` as its `cpu.max`.
    static func treeWithQuota(_ name: String, cpuMax: String) throws -> BuiltTree {
        let tree = try BuiltTree(copying: FixtureTrees.project(name))
        try tree.write("proc/self/cgroup", "0::/app\n")
        try tree.write("sys/fs/cgroup/app/cpu.max", cpuMax + "\n")
        return tree
    }

    /// The plan of the copied tree under its own quota, checked.
    static func planUnderQuota(
        _ name: String, cpuMax: String, policy: PlacementPolicy = PlacementPolicy()
    ) throws -> (plan: ExecutionPlan, root: String) {
        let tree = try treeWithQuota(name, cpuMax: cpuMax)
        defer { tree.remove() }
        let topology = try MachineTopology.read(fromRoot: tree.root)
        let plan = try ExecutionPlan.make(
            for: topology, policy: policy, quota: try CPUQuota.read(fromRoot: tree.root))
        plan.checkInvariants(for: topology)
        return (plan, tree.root)
    }

    @Test func fractionalQuotaKeepsTheFirstWholeCoreOfEachDomain() throws {
        let (plan, root) = try Self.planUnderQuota("16x86-2pa2n2c2t-interleaved", cpuMax: "150000 100000")
        #expect(plan.quota?.workerLimit == 2)
        #expect(plan.domains.map { $0.workers.map(\.cpus) } == [[[2, 10]], [[1, 9]]])
        #expect(
            plan.warnings == ["cgroup cpu.max 150000 100000 (1.5 CPUs) in \(root)/sys/fs/cgroup/app: 2 of 7 workers"])
    }

    @Test func quotaIsDealtRoundRobinInDomainOrder() throws {
        let (plan, _) = try Self.planUnderQuota("16x86-2pa2n2c2t-interleaved", cpuMax: "500000 100000")
        #expect(plan.domains.map { $0.workers.map(\.cpus) } == [[[2, 10], [6, 14], [4, 12]], [[1, 9], [5, 13]]])
    }

    @Test func domainWithFewerWorkersLeavesTheDealWhenItIsFull() throws {
        let (plan, _) = try Self.planUnderQuota(
            "16x86-2pa2n2c2t-interleaved", cpuMax: "400000 100000", policy: PlacementPolicy(reserve: .cores(3)))
        #expect(plan.domains.map { $0.workers.map(\.cpus) } == [[[6, 14]], [[1, 9], [5, 13], [3, 11]]])
    }

    @Test func domainLeftWithoutWorkerIsDroppedWithAWarning() throws {
        let (plan, root) = try Self.planUnderQuota(
            "16x86-2pa2n2c2t-interleaved", cpuMax: "50000 100000", policy: PlacementPolicy(domain: .numa))
        #expect(plan.domains.map(\.id) == [0])
        #expect(plan.domains.map(\.numaNodes) == [[0]])
        #expect(plan.domains[0].workers.count == 1)
        #expect(
            plan.warnings == [
                "cgroup cpu.max 50000 100000 (0.5 CPUs) in \(root)/sys/fs/cgroup/app: 1 of 7 workers",
                "NUMA node P#1: no worker left under the CPU quota; domain dropped",
                "NUMA node P#2: no worker left under the CPU quota; domain dropped",
                "NUMA node P#3: no worker left under the CPU quota; domain dropped",
            ])
    }

    @Test func quotaOfMoreCPUsThanWorkersChangesNothingButIsCarried() throws {
        let (plan, root) = try Self.planUnderQuota("4arm-1pa4c-nonode-somecaches", cpuMax: "800000 100000")
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("4arm-1pa4c-nonode-somecaches"))
        let unlimited = try ExecutionPlan.make(for: topology, policy: PlacementPolicy())
        #expect(plan.domains == unlimited.domains)
        #expect(plan.warnings == unlimited.warnings)
        #expect(plan.quota == CPUQuota(quota: 800_000, period: 100_000, file: "\(root)/sys/fs/cgroup/app/cpu.max"))
    }

    @Test("every plan keeps its invariants under random quotas", arguments: FixtureTrees.all)
    func plansKeepInvariantsUnderRandomQuotas(tree: String) throws {
        let seed = TestSeed.make(for: "plansKeepInvariantsUnderRandomQuotas \(tree)")
        var generator = SeededGenerator(seed: seed)
        let topology = try MachineTopology.read(fromRoot: tree)
        for _ in 0..<40 {
            let policy = PlacementPolicy(
                domain: PlacementPolicy.DomainGranularity.allCases.randomElement(using: &generator) ?? .socket,
                smt: PlacementPolicy.SMTPolicy.allCases.randomElement(using: &generator) ?? .core,
                reserve: .none
            )
            let period = Int.random(in: 1_000...1_000_000, using: &generator)
            let quota = CPUQuota(
                quota: Int.random(in: 1...(topology.allowedCPUs.count + 2) * period, using: &generator),
                period: period, file: "/sys/fs/cgroup/cpu.max")
            let unlimited = try ExecutionPlan.make(for: topology, policy: policy)
            let plan = try ExecutionPlan.make(for: topology, policy: policy, quota: quota)
            plan.checkInvariants(for: topology)
            let context = "\(tree) \(policy) \(quota) (seed \(seed))"
            #expect(
                plan.workers.count == min(quota.workerLimit, unlimited.workers.count), "\(context)")
            let kept = Dictionary(uniqueKeysWithValues: plan.domains.map { ($0.cpus.first, $0.workers) })
            for domain in unlimited.domains {
                guard let workers = kept[domain.cpus.first] else { continue }
                #expect(
                    Array(domain.workers.prefix(workers.count)) == workers,
                    "each domain keeps its first workers: \(context)")
            }
            let counts = unlimited.domains.map { kept[$0.cpus.first]?.count ?? 0 }
            for (i, domain) in unlimited.domains.enumerated() where counts[i] < domain.workers.count {
                for j in counts.indices {
                    #expect(
                        counts[j] <= counts[i] + (j < i ? 1 : 0),
                        "round robin: domain \(j) keeps \(counts[j]) while domain \(i) keeps \(counts[i]): \(context)")
                }
            }
        }
    }
}
