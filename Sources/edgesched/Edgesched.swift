import ArgumentParser

/// The one edgesched executable: the agent, the coordinator and the
/// operator's tools are subcommands of it.
@main
struct Edgesched: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgesched",
        abstract: "Inference scheduling agent for edge nodes.",
        subcommands: [
            AgentCommand.self, CoordinatorCommand.self, TopologyCommand.self, PlanCommand.self, ModelsCommand.self,
            BenchCommand.self,
            ConfigCommand.self, LoadCommand.self, RecordCommand.self, KeygenCommand.self,
        ]
    )
}
