public import Topology

extension WorkerPool.KernelView {
    /// One worker as `plan --check --format json` lists it (docs/placement.md).
    public var json: JSONValue {
        .object([
            JSONMember("name", .string(worker.name)),
            JSONMember("tid", .int(Int(worker.threadID))),
            JSONMember("cpus", .string(worker.cpus.linuxList)),
            JSONMember("cpus_allowed_list", .string(cpusAllowed.linuxList)),
            JSONMember("memory", .string(worker.memory.rawValue)),
            JSONMember("numa_nodes", .string(worker.numaNodes.linuxList)),
        ])
    }

    /// The workers as `plan --check` prints them: a line each, with the
    /// planned CPUs beside the kernel's where the two disagree.
    public static func text(_ views: [WorkerPool.KernelView]) -> String {
        var lines = ["Check: \(views.count) workers started, pinned and stopped"]
        for view in views {
            let agrees = view.cpusAllowed == view.worker.cpus ? "" : "  (planned \(view.worker.cpus))"
            lines.append(
                "  \(view.worker.name) tid \(view.worker.threadID): Cpus_allowed_list \(view.cpusAllowed)\(agrees)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
