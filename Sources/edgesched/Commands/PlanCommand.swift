import ArgumentParser
import Placement
import Topology

/// `edgesched plan`: the execution domains and workers the agent would run.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the execution domains and pinned workers for a topology and a placement policy.",
        discussion: """
            Under a cgroup v2 cpu.max quota (read below --root) the plan keeps at most the quota's CPUs, \
            rounded up, as workers. --check starts the workers on this machine, reads each thread's Cpus_allowed_list back \
            from /proc, and stops them.
            """
    )

    @OptionGroup var source: TopologySourceOptions

    @Option(help: "One domain per package (socket) or per NUMA node with CPUs (numa).")
    var domain = PlacementPolicy.DomainGranularity.socket

    @Option(help: "One worker per physical core (core) or per hardware thread (thread).")
    var smt = PlacementPolicy.SMTPolicy.core

    @Option(help: "CPUs kept for the agent: auto, none, cores:N, or a CPU list such as 0 or 0,32.")
    var reserve = PlacementPolicy.Reserve.automatic.description

    @Option(help: "Worker memory policy on the domain's nodes.")
    var memory = PlacementPolicy.MemoryPolicy.bind

    @Option(help: "Output format.")
    var format: PlanFormat = .text

    @Flag(help: "Start the workers on this machine and show what the kernel pinned them to.")
    var check = false

    enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    func validate() throws {
        do {
            _ = try policy()
        } catch let error as PlacementError {
            throw ValidationError(error.description)
        }
        if check && source.root != "/" {
            throw ValidationError(
                "--check starts workers on this machine; it cannot be used with --root \(source.root)")
        }
    }

    func run() throws {
        let plan = try ExecutionPlan.make(
            for: try source.read(), policy: try policy(), quota: try CPUQuota.read(fromRoot: source.root))
        guard check else {
            try OutputFile.write(format == .json ? plan.json.serialized() : plan.text, to: nil)
            return
        }
        let views = try WorkerPool.check(plan)
        switch format {
        case .json:
            guard case .object(var members) = plan.json else { preconditionFailure("a plan's JSON is an object") }
            members.append(JSONMember("check", .array(views.map(\.json))))
            try OutputFile.write(JSONValue.object(members).serialized(), to: nil)
        case .text:
            try OutputFile.write(plan.text + WorkerPool.KernelView.text(views), to: nil)
        }
    }

    private func policy() throws -> PlacementPolicy {
        PlacementPolicy(domain: domain, smt: smt, reserve: try .init(parsing: reserve), memory: memory)
    }
}
