/// The agent's version, as `GET /v2` and the build-info metric report it.
public enum AgentVersion {
    /// The version of this build.
    public static let current = "0.2.0"
}
