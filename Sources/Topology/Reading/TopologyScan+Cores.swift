extension TopologyScan {
    /// What step 2 has found so far: each CPU is given a package and a core
    /// once, and each `core_id` is read at most once.
    struct CoreSearch {
        var packages: [Package] = []
        var packageOfCPU: [Int: Int] = [:]
        var cores: [Core] = []
        var coreCovered = CPUSet()
        /// Whether thread siblings share a `core_id`; decided once (see
        /// ``TopologyScan/cpusSharingCoreID(_:of:amongSiblings:search:)``).
        var siblingsAreThreads: Bool?
        var coreIDs: [Int: OSIndex?] = [:]
    }

    /// Step 2: packages, then cores, for every online CPU not yet placed.
    func readPackagesAndCores(online: CPUSet) throws(TopologyError) -> ([Package], [Core]) {
        var search = CoreSearch()
        for cpu in online {
            let package = try packageIndex(of: cpu, online: online, search: &search)
            if !search.coreCovered.contains(cpu) {
                search.cores.append(try readCore(of: cpu, inPackage: package, search: &search))
            }
        }
        var cores = search.cores
        cores.sort { $0.cpus < $1.cpus }
        for index in cores.indices {
            cores[index].logicalIndex = LogicalIndex(index)
        }
        return (search.packages, cores)
    }

    /// The index of the package holding `cpu`, reading the package if no CPU
    /// of it was seen yet.
    private func packageIndex(of cpu: Int, online: CPUSet, search: inout CoreSearch) throws(TopologyError) -> Int {
        if let known = search.packageOfCPU[cpu] { return known }
        let folder = "\(Self.cpuFolder)/cpu\(cpu)/topology"
        let osIndex = tree.perObjectFact(
            assuming: "package id unknown", try tree.osIndex("\(folder)/physical_package_id"))
        let listed = tree.perObjectFact(
            assuming: "CPU \(cpu) taken as alone in its package",
            try cpuList(
                lists: ["\(folder)/package_cpus_list", "\(folder)/core_siblings_list"],
                masks: ["\(folder)/package_cpus", "\(folder)/core_siblings"]
            )
        )
        var cpus = (listed ?? [cpu]).intersection(online)
        cpus.insert(cpu)
        cpus = CPUSet(cpus.filter { search.packageOfCPU[$0] == nil })
        let index = search.packages.count
        for member in cpus {
            search.packageOfCPU[member] = index
        }
        search.packages.append(Package(logicalIndex: LogicalIndex(index), osIndex: osIndex, cpus: cpus))
        return index
    }

    /// The core of `cpu`: its thread siblings within its package that are
    /// not in a core yet (and share its `core_id`, on a machine of modules).
    private func readCore(of cpu: Int, inPackage package: Int, search: inout CoreSearch) throws(TopologyError) -> Core {
        let folder = "\(Self.cpuFolder)/cpu\(cpu)/topology"
        let listed = tree.perObjectFact(
            assuming: "CPU \(cpu) taken as alone in its core",
            try cpuList(
                lists: ["\(folder)/core_cpus_list", "\(folder)/thread_siblings_list"],
                masks: ["\(folder)/core_cpus", "\(folder)/thread_siblings"]
            )
        )
        var siblings = (listed ?? [cpu]).intersection(search.packages[package].cpus)
        siblings.insert(cpu)
        siblings.subtract(search.coreCovered)
        let coreID = try coreIndex(of: cpu, search: &search)
        let cpus = try cpusSharingCoreID(coreID, of: cpu, amongSiblings: siblings, search: &search)
        search.coreCovered.formUnion(cpus)
        return Core(
            logicalIndex: LogicalIndex(0),
            osIndex: coreID,
            dieID: tree.perObjectFact(assuming: "die id unknown", try tree.osIndex("\(folder)/die_id", uniform: true)),
            clusterID: tree.perObjectFact(
                assuming: "cluster id unknown", try tree.osIndex("\(folder)/cluster_id", uniform: true)),
            package: LogicalIndex(package),
            cpus: cpus
        )
    }

    /// A CPU's `core_id`, read at most once.
    private func coreIndex(of cpu: Int, search: inout CoreSearch) throws(TopologyError) -> OSIndex? {
        if let id = search.coreIDs[cpu] { return id }
        let id = tree.perObjectFact(
            assuming: "core id unknown", try tree.osIndex("\(Self.cpuFolder)/cpu\(cpu)/topology/core_id"))
        search.coreIDs[cpu] = id
        return id
    }

    /// The siblings that are threads of the same core as `cpu`.
    ///
    /// Thread siblings with different `core_id`s are not threads of one core
    /// but cores of one module (AMD Bulldozer compute units): hwloc counts
    /// them as cores, and so do we. Which kind of machine this is is decided
    /// once, by the `core_id` of the first core's second sibling
    /// (`siblingsAreThreads`); every sibling's `core_id` is read only on a
    /// machine of modules.
    private func cpusSharingCoreID(
        _ coreID: OSIndex?,
        of cpu: Int,
        amongSiblings siblings: CPUSet,
        search: inout CoreSearch
    ) throws(TopologyError) -> CPUSet {
        guard let coreID, siblings.count > 1 else { return siblings }
        if search.siblingsAreThreads == nil, let second = siblings.first(where: { $0 != cpu }) {
            search.siblingsAreThreads = try coreIndex(of: second, search: &search) == coreID
        }
        guard search.siblingsAreThreads == false else { return siblings }
        var sameCore: CPUSet = [cpu]
        for sibling in siblings where sibling != cpu {
            if try coreIndex(of: sibling, search: &search) == coreID {
                sameCore.insert(sibling)
            }
        }
        return sameCore
    }
}
