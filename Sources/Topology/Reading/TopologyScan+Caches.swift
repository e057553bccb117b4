extension TopologyScan {
    /// What step 3 has found so far.
    struct CacheSearch {
        var caches: [Cache] = []
        /// For each `indexN`, the CPUs some instance of it already covers.
        var covered: [Int: CPUSet] = [:]
        /// The `indexN` numbers of a core's `cache/` folder, by core.
        var indicesOfCore: [Int: [Int]] = [:]
        /// The level and type of each `indexN`; nil inside: gives neither.
        var kindOfIndex: [Int: (level: Int, type: Cache.CacheType)?] = [:]
        var coreOfCPU: [Int: Int] = [:]
    }

    /// Step 3: every cache instance.
    ///
    /// Caches are listed once per core (threads of a core have the same
    /// cache folders), `level` and `type` are read once per `indexN` (the
    /// kernel numbers a CPU's caches in the hardware's order, the same on
    /// every CPU of a machine; so it is on every captured machine), and `size`
    /// and the shared CPUs once per instance.
    func readCaches(online: CPUSet, cores: [Core]) -> [Cache] {
        var search = CacheSearch()
        for (index, core) in cores.enumerated() {
            for cpu in core.cpus {
                search.coreOfCPU[cpu] = index
            }
        }
        for cpu in online {
            for index in cacheIndices(of: cpu, search: &search) where search.covered[index]?.contains(cpu) != true {
                readCacheInstance(index, of: cpu, online: online, search: &search)
            }
        }
        return search.caches.sorted {
            ($0.level, $0.type.sortKey, $0.cpus) < ($1.level, $1.type.sortKey, $1.cpus)
        }
    }

    /// The `indexN` numbers in `cpu`'s `cache/` folder, listed once per core.
    private func cacheIndices(of cpu: Int, search: inout CacheSearch) -> [Int] {
        let core = search.coreOfCPU[cpu] ?? -1
        if let known = search.indicesOfCore[core] { return known }
        let indices =
            tree.perObjectFact(
                assuming: "caches of CPU \(cpu) left out",
                try tree.numberedEntries("\(Self.cpuFolder)/cpu\(cpu)/cache", prefix: "index")) ?? []
        search.indicesOfCore[core] = indices
        return indices
    }

    /// Reads `cpu`'s `indexN` as a new cache instance, with every online CPU
    /// that shares it.
    private func readCacheInstance(
        _ index: Int,
        of cpu: Int,
        online: CPUSet,
        search: inout CacheSearch
    ) {
        let instance = "\(Self.cpuFolder)/cpu\(cpu)/cache/index\(index)"
        if search.kindOfIndex[index] == nil {
            search.kindOfIndex[index] = tree.perObjectFact(
                assuming: "caches index\(index) left out", try readCacheKind(instance))
        }
        guard let (level, type) = search.kindOfIndex[index] ?? nil else { return }
        let size = tree.perObjectFact(assuming: "cache size unknown", try tree.cacheSize("\(instance)/size"))
        let listed = tree.perObjectFact(
            assuming: "cache taken as CPU \(cpu)'s alone",
            try cpuList(lists: ["\(instance)/shared_cpu_list"], masks: ["\(instance)/shared_cpu_map"]))
        var cpus = (listed ?? [cpu]).intersection(online)
        cpus.insert(cpu)
        search.covered[index, default: CPUSet()].formUnion(cpus)
        search.caches.append(Cache(level: level, type: type, sizeBytes: size, cpus: cpus))
    }

    /// The level and type of a cache folder; nil if it gives neither.
    private func readCacheKind(_ instance: String) throws(TopologyError) -> (level: Int, type: Cache.CacheType)? {
        guard let level = try tree.integer("\(instance)/level"), let typeText = try tree.text("\(instance)/type") else {
            return nil
        }
        guard (1...9).contains(level) else {
            throw TopologyError(
                .malformed, path: tree.path("\(instance)/level"), content: "\(level)",
                detail: "is not a cache level 1 to 9")
        }
        guard let type = Cache.CacheType(rawValue: typeText.trimmingPadding.lowercased()) else {
            throw TopologyError(
                .malformed,
                path: tree.path("\(instance)/type"),
                content: typeText,
                detail: "is not a cache type (Data, Instruction or Unified)"
            )
        }
        return (level, type)
    }
}

extension Cache.CacheType {
    /// Data before instruction before unified within a level, as lstopo lists them.
    var sortKey: Int {
        switch self {
        case .data: 0
        case .instruction: 1
        case .unified: 2
        }
    }
}
