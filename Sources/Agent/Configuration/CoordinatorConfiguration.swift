public import Cluster
public import Messaging

/// Everything a coordinator is started with (`edgesched coordinator
/// --config FILE`); each key of the YAML form is documented with its default
/// in `deploy/coordinator.example.yaml`. Every coordinator of a site holds
/// the same `planner` settings and models, so they compute the same plans.
public struct CoordinatorConfiguration: Sendable {
    /// Another coordinator of the site, as this one hears its heartbeats.
    public struct Peer: Hashable, Sendable {
        /// Its node id.
        public var id: String
        /// Its PUB, where its heartbeats and plans come from.
        public var plans: ZeroMQEndpoint
        /// A file holding its CURVE public key (Z85); nil: plaintext.
        public var publicKeyFile: String?

        /// A peer at this endpoint.
        public init(id: String, plans: ZeroMQEndpoint, publicKeyFile: String? = nil) {
            self.id = id
            self.plans = plans
            self.publicKeyFile = publicKeyFile
        }
    }

    /// This coordinator's node id: its plans and heartbeats name it, and the
    /// live one with the lowest id publishes.
    public var id: String
    /// Where agents' reports arrive (a ROUTER binds it).
    public var reports: ZeroMQEndpoint
    /// Where plans and heartbeats go out (a PUB binds it).
    public var plans: ZeroMQEndpoint
    /// The other coordinators of the site.
    public var peers: [Peer]
    /// The nodes whose reports are taken; nil: any node.
    public var agents: Set<NodeID>?
    /// How often it plans and sends a heartbeat.
    public var interval: Duration
    /// How long the active coordinator may be silent before a standby takes over.
    public var takeover: Duration
    /// Where `GET /metrics` is served; nil: nowhere.
    public var metrics: ListenAddress?
    /// What the planner places and how.
    public var planner: PlannerConfiguration
    /// A file holding this coordinator's CURVE secret key (Z85); nil: every
    /// cluster socket is plaintext.
    public var curveSecretKeyFile: String?
    /// The folder of the agents' public keys, one `NODE_ID.pub` each (as
    /// `edgesched keygen` names them): with CURVE, the only agents whose
    /// connections are let in (ZAP) and whose reports are taken.
    public var agentKeysFolder: String?

    /// A coordinator's settings; plans every second, takes over after three.
    public init(
        id: String, reports: ZeroMQEndpoint, plans: ZeroMQEndpoint, peers: [Peer] = [], agents: Set<NodeID>? = nil,
        interval: Duration = .seconds(1), takeover: Duration = .seconds(3), metrics: ListenAddress? = nil,
        planner: PlannerConfiguration, curveSecretKeyFile: String? = nil, agentKeysFolder: String? = nil
    ) {
        self.id = id
        self.reports = reports
        self.plans = plans
        self.peers = peers
        self.agents = agents
        self.interval = interval
        self.takeover = takeover
        self.metrics = metrics
        self.planner = planner
        self.curveSecretKeyFile = curveSecretKeyFile
        self.agentKeysFolder = agentKeysFolder
    }

    /// The configuration in the YAML file at `path`.
    public static func load(path: String) throws(ConfigurationError) -> CoordinatorConfiguration {
        try parse(yaml: try ConfigurationFile.text(at: path), file: path)
    }

    /// The configuration written in `text`; `file` names it in problems.
    public static func parse(yaml text: String, file: String) throws(ConfigurationError) -> CoordinatorConfiguration {
        var reader = ConfigurationReader(file: file)
        guard let configuration = reader.readCoordinator(yaml: text) else {
            throw ConfigurationError(.invalid, problems: reader.problems)
        }
        return configuration
    }
}
