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
        try parse(yaml: try readFile(path), file: path)
    }

    private static func readFile(_ path: String) throws(ConfigurationError) -> String {
        func failure(_ message: String) -> ConfigurationError {
            ConfigurationError(
                .unreadable, problems: [ConfigurationProblem(file: path, path: "", position: nil, message: message)])
        }
        let bytes: [UInt8]
        do {
            bytes = try LocalFile.read(path, maximumBytes: 16 << 20)
        } catch {
            throw failure("\(error.reason); give the path of a YAML file of at most 16 MiB")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure("is not UTF-8 text")
        }
        return text
    }
}
