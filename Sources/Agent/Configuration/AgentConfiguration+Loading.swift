import Topology

extension AgentConfiguration {
    /// The configuration written in `text`; `file` names it in problems.
    public static func parse(yaml text: String, file: String) throws(ConfigurationError) -> AgentConfiguration {
        var reader = ConfigurationReader(file: file)
        guard let configuration = reader.read(yaml: text) else {
            throw ConfigurationError(.invalid, problems: reader.problems)
        }
        return configuration
    }

    /// The configuration in the YAML file at `path`.
    public static func load(path: String) throws(ConfigurationError) -> AgentConfiguration {
        try parse(yaml: try ConfigurationFile.text(at: path), file: path)
    }
}
