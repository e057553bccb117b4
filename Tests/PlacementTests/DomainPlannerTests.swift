import Placement
import TestFixtures
import Testing
import Topology

@Suite struct DomainPlannerTests {
    static let policies: [PlacementPolicy] = [
        PlacementPolicy(),
        PlacementPolicy(domain: .numa, smt: .thread),
        PlacementPolicy(domain: .socket, smt: .thread, reserve: .none, memory: .interleave),
        PlacementPolicy(domain: .numa, smt: .core, reserve: .cores(2), memory: .preferred),
    ]

    @Test("every plan keeps its invariants on every captured and hand-made machine", arguments: FixtureTrees.all)
    func plansKeepInvariants(tree: String) throws {
        let topology = try MachineTopology.read(fromRoot: tree)
        for policy in Self.policies {
            let result = Result { () throws(PlacementError) in try ExecutionPlan.make(for: topology, policy: policy) }
            guard case .success(let plan) = result else {
                #expect(topology.cores.count <= 2, "\(tree) \(policy): \(result)")
                continue
            }
            plan.checkInvariants(for: topology)
            let planned = plan.domains.reduce(into: CPUSet()) { $0.formUnion($1.cpus) }
            let inNodes = topology.numaNodes.reduce(into: CPUSet()) { $0.formUnion($1.cpus) }
            let expected = topology.allowedCPUs.subtracting(plan.reserved)
            #expect(
                planned == (policy.domain == .numa ? expected.intersection(inNodes) : expected), "\(tree) \(policy)")
        }
    }

    @Test func defaultReservesTheFirstCoreAndKeepsPackagesApart() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("16x86-2pa2n2c2t-interleaved"))
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy())
        #expect(plan.reserved == [0, 8])
        #expect(plan.domains.map(\.package) == [LogicalIndex(0), LogicalIndex(1)])
        #expect(plan.domains.map(\.numaNodes) == [[0, 1], [2, 3]])
        #expect(
            plan.domains[0].workers.map(\.cpus) == [[2, 10], [6, 14], [4, 12]], "the whole L3 group of node 1 first")
        #expect(plan.domains[1].workers.map(\.cpus) == [[1, 9], [5, 13], [3, 11], [7, 15]])
        #expect(plan.domains.allSatisfy { $0.memory == .bind })
    }

    @Test func numaDomainsFollowNodes() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("16x86-2pa2n2c2t-interleaved"))
        let plan = try ExecutionPlan.make(
            for: topology, policy: PlacementPolicy(domain: .numa, smt: .thread, reserve: .none))
        #expect(plan.domains.map(\.numaNodes) == [[0], [1], [2], [3]])
        #expect(plan.domains[0].workers.map(\.cpus) == [[0], [8], [4], [12]], "threads core by core")
    }

    @Test func reservingCoresTakesAWholeL3GroupFirst() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("16x86-2pa2n2c2t-interleaved"))
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .cores(2)))
        #expect(plan.reserved == [0, 4, 8, 12], "both cores of node 0's L3, not cores 0 and 2 across two L3s")
    }

    @Test func reservingOneCoreMoreThanAGroupSplitsTheNextGroupLeast() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("16x86-2pa2n2c2t-interleaved"))
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .cores(3)))
        #expect(plan.reserved == [0, 2, 4, 8, 10, 12])
    }

    @Test func fewerThanFourCoresReserveNothingByDefault() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("4arm-1pa4c-nonode-somecaches"))
        #expect(try ExecutionPlan.make(for: topology, policy: PlacementPolicy()).reserved == [0])
        let small = try MachineTopology.read(fromRoot: FixtureTrees.project("2amd64-1pa2c-kvm"))
        #expect(try ExecutionPlan.make(for: small, policy: PlacementPolicy()).reserved.isEmpty)
    }

    @Test func onlyAllowedCPUsArePlannedAndSplitCoresComeLast() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("8x86-1pa4c2t-hbm-cxl-devices"))
        #expect(topology.allowedCPUs == [0, 1, 2, 3])
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .none))
        #expect(plan.domains.count == 1)
        #expect(plan.domains[0].workers.map(\.cpus) == [[0], [1], [2], [3]])
        #expect(plan.domains[0].workers.allSatisfy { !$0.onWholeCore })
        #expect(plan.domains[0].numaNodes == [0], "memory-only nodes hold no CPU of the domain")
    }

    @Test func explicitReserveCanSplitACore() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("16x86-2pa2n2c2t-interleaved"))
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .cpus([0])))
        #expect(plan.reserved == [0])
        #expect(plan.domains[0].workers.last?.cpus == [8])
        #expect(plan.domains[0].workers.last?.onWholeCore == false)
    }

    @Test func wholeCoresComeBeforeSplitCoresAcrossL3Groups() throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("16x86-2pa2n2c2t-interleaved"))
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .cpus([0, 2])))
        plan.checkInvariants(for: topology)
        #expect(plan.domains[0].workers.map(\.cpus) == [[4, 12], [6, 14], [8], [10]])
        #expect(plan.domains[0].workers.map(\.onWholeCore) == [true, true, false, false])
    }

    @Test("every policy keeps its invariants on every tree with random reserves", arguments: FixtureTrees.all)
    func plansKeepInvariantsWithRandomReserves(tree: String) throws {
        var generator = TestSeed.generator(for: "plansKeepInvariantsWithRandomReserves \(tree)")
        let topology = try MachineTopology.read(fromRoot: tree)
        let allowed = Array(topology.allowedCPUs)
        for _ in 0..<40 {
            let reserve: PlacementPolicy.Reserve
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: reserve = .automatic
            case 1: reserve = .none
            case 2: reserve = .cores(Int.random(in: 1...max(1, topology.cores.count), using: &generator))
            default:
                let density = Double.random(in: 0...0.6, using: &generator)
                reserve = .cpus(CPUSet(allowed.filter { _ in Double.random(in: 0...1, using: &generator) < density }))
            }
            let policy = PlacementPolicy(
                domain: PlacementPolicy.DomainGranularity.allCases.randomElement(using: &generator) ?? .socket,
                smt: PlacementPolicy.SMTPolicy.allCases.randomElement(using: &generator) ?? .core,
                reserve: reserve,
                memory: PlacementPolicy.MemoryPolicy.allCases.randomElement(using: &generator) ?? .bind
            )
            let result = Result { () throws(PlacementError) in try ExecutionPlan.make(for: topology, policy: policy) }
            guard case .success(let plan) = result else {
                guard case .failure(let error) = result else { continue }
                #expect(error.kind == .nothingToPlan, "\(tree) \(policy): \(error)")
                continue
            }
            plan.checkInvariants(for: topology)
        }
    }

    @Test func domainWithoutAllowedCPUIsDroppedWithAWarning() throws {
        var topology = try MachineTopology.read(fromRoot: FixtureTrees.project("16x86-2pa2n2c2t-interleaved"))
        topology.allowedCPUs = [0, 2, 4, 6, 8, 10, 12, 14]
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .none))
        #expect(plan.domains.count == 1)
        #expect(plan.warnings == ["package L#1 P#1: no allowed CPU left after the reserve; domain dropped"])
    }

    @Test func cpusInNoNodeAreNamedInAWarning() throws {
        var topology = try MachineTopology.read(fromRoot: FixtureTrees.project("8x86-1pa4c2t-hbm-cxl-devices"))
        topology.numaNodes[0].cpus = [0, 1]
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(domain: .numa, reserve: .none))
        #expect(plan.warnings.contains("CPUs 2-3 belong to no NUMA node and are not planned with domain: numa"))
    }

    @Test func domainWithoutMemoryNodeFallsBackToNoPolicy() throws {
        var topology = try MachineTopology.read(fromRoot: FixtureTrees.project("4arm-1pa4c-nonode-somecaches"))
        topology.numaNodes[0].memoryBytes = 0
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .none))
        #expect(plan.domains[0].memory == .none)
        #expect(plan.domains[0].numaNodes.isEmpty)
        #expect(plan.warnings.first?.contains("no NUMA node with memory") == true)
    }

    @Test(
        "bad policy input is refused before any thread starts, naming the value",
        arguments: [
            (PlacementPolicy.Reserve.cpus([0, 1, 2, 3, 4, 5, 6, 7]), "leaves no CPU for workers"),
            (PlacementPolicy.Reserve.cpus([99]), "CPU 99 is not online on this machine (online: 0-7)"),
            (PlacementPolicy.Reserve.cores(4), "cores:4 takes every allowed core (4"),
        ]
    )
    func refusesBadReserve(reserve: PlacementPolicy.Reserve, message: String) throws {
        let topology = try MachineTopology.read(fromRoot: FixtureTrees.project("8x86-1pa4c2t-hbm-cxl-devices"))
        var unrestricted = topology
        unrestricted.allowedCPUs = topology.onlineCPUs
        let error = try #require(throws: PlacementError.self) {
            try ExecutionPlan.make(for: unrestricted, policy: PlacementPolicy(reserve: reserve))
        }
        #expect(error.description.contains(message), "\(error)")
    }

    @Test(
        "policy words are checked with the key and accepted words in the message",
        arguments: [
            ("domain", "sockets", "domain: \"sockets\" is not one of socket, numa"),
            ("smt", "hyper", "smt: \"hyper\" is not one of core, thread"),
            ("memory", "local", "memory: \"local\" is not one of bind, preferred, interleave, none"),
        ]
    )
    func refusesUnknownPolicyWord(key: String, value: String, message: String) {
        do {
            switch key {
            case "domain": _ = try PlacementPolicy.DomainGranularity(parsing: value, key: key)
            case "smt": _ = try PlacementPolicy.SMTPolicy(parsing: value, key: key)
            default: _ = try PlacementPolicy.MemoryPolicy(parsing: value, key: key)
            }
            Issue.record("\(key): \(value) was accepted")
        } catch {
            #expect(error.description == message)
            #expect(error.kind == .invalidPolicy(key: key))
        }
    }

    @Test(
        "reserve is written as auto, none, cores:N or a CPU list",
        arguments: [
            ("auto", PlacementPolicy.Reserve.automatic),
            ("none", .none),
            ("cores:2", .cores(2)),
            ("0,32", .cpus([0, 32])),
            ("cpus:0-1", .cpus([0, 1])),
        ]
    )
    func readsReserve(text: String, reserve: PlacementPolicy.Reserve) throws {
        #expect(try PlacementPolicy.Reserve(parsing: text) == reserve)
        #expect(try PlacementPolicy.Reserve(parsing: reserve.description) == reserve)
    }

    @Test("a malformed reserve is refused", arguments: ["cores:0", "cores:x", "0-", "two"])
    func refusesMalformedReserve(text: String) {
        #expect(throws: PlacementError.self) { try PlacementPolicy.Reserve(parsing: text) }
    }
}
