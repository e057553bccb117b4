import Agent
import Placement
import Simulation
import Topology

extension ReplaySettings {
    /// The node an agent configuration describes, on this machine: its
    /// classes, downgrade watermarks and overload thresholds, and the workers
    /// per domain of the plan the agent would run (its topology root,
    /// placement and CPU quota), the same as the recording agent's when it
    /// ran here with this configuration.
    init(agentConfiguration path: String) throws {
        let configuration = try AgentConfiguration.load(path: path)
        let root = configuration.topologyRoot
        let plan = try ExecutionPlan.make(
            for: try MachineTopology.read(fromRoot: root), policy: configuration.placement,
            quota: try CPUQuota.read(fromRoot: root))
        self.init(
            classes: configuration.classes, downgrade: configuration.downgrade, overload: configuration.overload,
            workersPerDomain: plan.domains.map(\.workers.count), classesSource: "--config \(path)",
            workersSource: "the plan of --config \(path) on this machine")
    }
}
