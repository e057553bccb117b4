import Topology

/// A configuration file's text, read with the limits every configuration shares.
enum ConfigurationFile {
    /// The UTF-8 text of the file at `path`, at most 16 MiB.
    static func text(at path: String) throws(ConfigurationError) -> String {
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
