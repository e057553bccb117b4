package import Topology

extension ExecutionPlan {
    /// Stops the program if the plan breaks an invariant of ``ExecutionPlan``
    /// for `topology`; tests call it on every plan they make.
    package func checkInvariants(for topology: MachineTopology) {
        var seen = CPUSet()
        precondition(domains.map(\.id) == Array(domains.indices), "domain ids are not 0..<\(domains.count)")
        for domain in domains {
            precondition(!domain.workers.isEmpty, "domain \(domain.id) has no worker")
            var sawPartialCore = false
            for worker in domain.workers {
                precondition(!worker.cpus.isEmpty, "an empty worker in domain \(domain.id)")
                precondition(
                    seen.isDisjoint(with: worker.cpus), "CPUs \(seen.intersection(worker.cpus)) are in two workers")
                precondition(
                    worker.cpus.isSubset(of: topology.allowedCPUs), "worker \(worker.cpus) is outside the allowed CPUs")
                precondition(
                    worker.cpus.isDisjoint(with: reserved), "worker \(worker.cpus) uses reserved CPUs \(reserved)")
                let cores = topology.cores.filter { !$0.cpus.isDisjoint(with: worker.cpus) }
                precondition(cores.count == 1, "worker \(worker.cpus) spans \(cores.count) cores")
                precondition(
                    !(sawPartialCore && worker.onWholeCore), "domain \(domain.id): a whole core after a partial one")
                sawPartialCore = sawPartialCore || !worker.onWholeCore
                seen.formUnion(worker.cpus)
            }
            if let package = domain.package {
                precondition(
                    domain.cpus.isSubset(of: topology.packages[package.rawValue].cpus),
                    "domain \(domain.id) leaves package \(package)"
                )
            }
            precondition(
                domain.memory != .none || domain.numaNodes.isEmpty, "domain \(domain.id) names nodes without a policy")
        }
        precondition(reserved.isSubset(of: topology.allowedCPUs), "reserved \(reserved) is not allowed")
        if let quota {
            let count = domains.reduce(0) { $0 + $1.workers.count }
            precondition(
                count <= quota.workerLimit, "\(count) workers under \(quota), which keeps \(quota.workerLimit)")
        }
    }
}
