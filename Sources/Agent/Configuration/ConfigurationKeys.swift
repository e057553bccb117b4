/// The keys each mapping of an agent configuration may hold, in the order
/// `deploy/agent.example.yaml` documents them.
enum ConfigurationKeys {
    static let root = [
        "node_id", "topology_root", "placement", "workers", "models", "classes", "default_class", "downgrade",
        "overload", "scheduling",
        "ingress", "zeromq", "metrics", "limits", "sensors", "recording", "cluster",
    ]
    static let placement = ["domain", "smt", "reserve", "memory"]
    static let workers = ["spin"]
    static let models = ["folder", "onnxruntime", "intra_op_threads"]
    static let priorityClass = ["name", "weight", "strict", "timeout", "max_queue", "sheddable"]
    static let downgrade = ["pressure", "thermal", "memory", "circuit_breaker"]
    static let watermarks = ["high", "low", "hold"]
    static let circuitBreaker = ["failures", "cool_down"]
    static let scheduling = ["policy"]
    static let ingress = ["http", "grpc", "zeromq"]
    static let zeromq = [
        "max_in_flight_per_peer", "max_message_bytes", "send_high_water_mark", "heartbeat_interval",
        "heartbeat_timeout",
        "curve_secret_key_file", "reply_spin",
    ]
    static let metrics = ["address"]
    static let limits = ["max_body_bytes", "max_in_flight", "drain_timeout", "max_timeout"]
    static let sensors = ["interval"]
    static let recording = ["path", "max_mb"]
    static let cluster = ["coordinators", "interval", "advertise", "autonomy", "curve_secret_key_file", "routing"]
    static let coordinator = ["id", "reports", "plans", "public_key_file"]

    static let coordinatorRoot = [
        "id", "reports", "plans", "peers", "agents", "interval", "takeover", "metrics", "classes", "models",
        "curve_secret_key_file", "agent_keys",
    ]
    static let peer = ["id", "plans", "public_key_file"]
    static let plannedModel = ["name", "variants", "downgrade_classes", "min_replicas"]
    static let plannedVariant = ["name", "service", "memory_mb", "accuracy"]
}
