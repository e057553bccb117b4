import Glibc

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
        guard let file = fopen(path, "r") else {
            throw failure("cannot be read (\(String(cString: strerror(errno)))); give the path of a YAML file")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk.prefix(count)
            if count < chunk.count { break }
            if bytes.count > 16 << 20 { throw failure("is over 16 MiB; an agent configuration is a few KiB") }
        }
        if ferror(file) != 0 { throw failure("cannot be read (\(String(cString: strerror(errno))))") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure("is not UTF-8 text")
        }
        return text
    }
}
