import Logging

/// Where the long-running subcommands log: standard error, at the level asked.
enum StandardErrorLogging {
    /// Sends every logger's lines at `level` and above to standard error.
    static func bootstrap(_ level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
