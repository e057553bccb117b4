public import Topology

extension WorkerPool {
    /// What the kernel says of one worker thread (`/proc/self/task/<tid>/status`).
    public struct KernelView: Hashable, Sendable {
        /// The worker, as the pool started it.
        public var worker: WorkerContext
        /// `Cpus_allowed_list`: the CPUs the thread may run on.
        public var cpusAllowed: CPUSet
    }

    /// Starts the workers of `plan` on this machine, reads back what the
    /// kernel pinned each to, and stops them: `edgesched plan --check`.
    @available(*, noasync, message: "blocks while the workers start and stop")
    public static func check(_ plan: ExecutionPlan) throws(PlacementError) -> [KernelView] {
        let pool = try WorkerPool(plan: plan, source: BlockingWorkQueue(domainCount: plan.domains.count))
        defer { pool.stop() }
        return try pool.kernelView()
    }

    /// Reads every worker's `Cpus_allowed_list` from procfs: what an operator
    /// would check with `grep Cpus_allowed_list /proc/<pid>/task/*/status`.
    public func kernelView() throws(PlacementError) -> [KernelView] {
        var views: [KernelView] = []
        for worker in workers {
            let path = "/proc/self/task/\(worker.threadID)/status"
            guard let bytes = try? LocalFile.read(path) else {
                throw PlacementError(.affinityRefused, "\(path): cannot read the status of worker \(worker.name)")
            }
            let status = String(decoding: bytes, as: UTF8.self)
            let line = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
            let list =
                line.map { String($0.dropFirst("Cpus_allowed_list:".count).drop { $0 == " " || $0 == "\t" }) } ?? ""
            do throws(IndexListError) {
                views.append(KernelView(worker: worker, cpusAllowed: try CPUSet(linuxList: list)))
            } catch {
                throw PlacementError(
                    .affinityRefused, "\(path): Cpus_allowed_list \"\(list)\" is not a CPU list (\(error.reason))")
            }
        }
        return views
    }
}
