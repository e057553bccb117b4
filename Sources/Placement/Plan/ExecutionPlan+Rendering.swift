public import Topology

extension ExecutionPlan {
    /// The schema name written at the top of ``json``.
    public static let jsonSchema = "edgesched.plan/v1"

    /// The plan as the `edgesched.plan/v1` document (docs/placement.md).
    public var json: JSONValue {
        .object([
            JSONMember("schema", .string(Self.jsonSchema)),
            JSONMember(
                "policy",
                .object([
                    JSONMember("domain", .string(policy.domain.rawValue)),
                    JSONMember("smt", .string(policy.smt.rawValue)),
                    JSONMember("reserve", .string(policy.reserve.description)),
                    JSONMember("memory", .string(policy.memory.rawValue)),
                ])
            ),
            JSONMember("reserved", .string(reserved.linuxList)),
            JSONMember(
                "quota",
                quota.map { quota in
                    .object([
                        JSONMember("cpus", .double(quota.cpus)),
                        JSONMember("quota_us", .int(quota.quota)),
                        JSONMember("period_us", .int(quota.period)),
                        JSONMember("max_workers", .int(quota.workerLimit)),
                        JSONMember("file", .string(quota.file)),
                    ])
                } ?? .null
            ),
            JSONMember(
                "domains",
                .array(
                    domains.map { domain in
                        .object([
                            JSONMember("id", .int(domain.id)),
                            JSONMember("package", domain.package.map { .int($0.rawValue) } ?? .null),
                            JSONMember("numa_nodes", .array(domain.numaNodes.map { .int($0) })),
                            JSONMember("memory", .string(domain.memory.rawValue)),
                            JSONMember("cpus", .string(domain.cpus.linuxList)),
                            JSONMember(
                                "workers",
                                .array(
                                    domain.workers.enumerated().map { index, worker in
                                        .object([
                                            JSONMember(
                                                "name", .string(WorkerName.make(domain: domain.id, worker: index))),
                                            JSONMember("cpus", .string(worker.cpus.linuxList)),
                                            JSONMember("whole_core", .bool(worker.onWholeCore)),
                                        ])
                                    }
                                )
                            ),
                        ])
                    }
                )
            ),
            JSONMember("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }

    /// The plan for people: the reserve and the CPU quota, then each domain and its workers.
    public var text: String {
        var lines = [
            "Policy: domain \(policy.domain), smt \(policy.smt), reserve \(policy.reserve), memory \(policy.memory)",
            "Reserved for the agent: \(reserved.isEmpty ? "none" : "CPUs \(reserved)")",
            "CPU quota: \(quota.map { "\($0): at most \($0.workerLimit) \($0.workerLimit == 1 ? "worker" : "workers")" } ?? "none")",
        ]
        for domain in domains {
            let package = domain.package.map { "package \($0)" } ?? "several packages"
            let nodes = domain.numaNodes.isEmpty ? "no NUMA node" : "NUMA nodes \(domain.numaNodes)"
            lines.append(
                "Domain \(domain.id) (\(package), \(nodes), memory \(domain.memory)): "
                    + "\(domain.workers.count) \(domain.workers.count == 1 ? "worker" : "workers") on CPUs \(domain.cpus)"
            )
            for (index, worker) in domain.workers.enumerated() {
                let name = WorkerName.make(domain: domain.id, worker: index)
                lines.append(
                    "  \(TextColumns.pad(name, to: 14, .left)) CPUs \(worker.cpus)\(worker.onWholeCore ? "" : " (part of a core)")"
                )
            }
        }
        if !warnings.isEmpty {
            lines.append("Warnings:")
            lines += warnings.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
