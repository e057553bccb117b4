import Cluster
import Messaging
import Placement
import Scheduling
import Yams

/// Reads an agent configuration from YAML, collecting every problem with its
/// path, position and value instead of stopping at the first. Keys left out
/// keep ``AgentConfiguration/embeddedDefault``'s values; unknown keys are
/// problems (a typo must not silently fall back to a default).
struct ConfigurationReader {
    let file: String
    private(set) var problems: [ConfigurationProblem] = []

    init(file: String) {
        self.file = file
    }

    /// The configuration, or nil when ``problems`` is not empty.
    mutating func read(yaml: String) -> AgentConfiguration? {
        guard let root = root(of: yaml) else { return nil }
        var configuration = AgentConfiguration.embeddedDefault
        guard !root.isNull else { return configuration }
        guard allowKeys(of: root, ConfigurationKeys.root) else { return nil }
        if !root["node_id"].isNull { configuration.nodeID = nodeID(root["node_id"]) }
        configuration.topologyRoot = text(root["topology_root"]) ?? configuration.topologyRoot
        configuration.placement = placement(root["placement"], default: configuration.placement)
        configuration.workers = workers(root["workers"], default: configuration.workers)
        configuration.models = models(root["models"], default: configuration.models)
        configuration.classes = classes(root["classes"], default: configuration.classes)
        configuration.defaultClass = defaultClass(root["default_class"], among: configuration.classes)
        configuration.downgrade = downgrade(root["downgrade"], default: configuration.downgrade)
        configuration.overload = watermarks(root["overload"], unit: .fraction, default: configuration.overload)
        configuration.schedulingPolicy = schedulingPolicy(
            root["scheduling"], default: configuration.schedulingPolicy)
        configuration.ingress = ingress(root["ingress"], default: configuration.ingress)
        configuration.zeromq = zeromq(root["zeromq"], default: configuration.zeromq)
        configuration.metrics = metrics(root["metrics"], default: configuration.metrics)
        configuration.limits = limits(root["limits"], default: configuration.limits)
        configuration.sensors = sensors(root["sensors"], default: configuration.sensors)
        configuration.recording = recording(root["recording"], default: configuration.recording)
        configuration.cluster = cluster(root["cluster"], default: configuration.cluster)
        if let cluster = configuration.cluster, cluster.advertise == nil {
            checkAdvertised(root["cluster"]["advertise"], ingress: configuration.ingress.zeromq)
        }
        return problems.isEmpty ? configuration : nil
    }

    /// The document's root node; nil, with a problem, when it is not YAML.
    mutating func root(of yaml: String) -> ConfigurationNode? {
        do {
            return ConfigurationNode(node: try Yams.compose(yaml: yaml), path: "")
        } catch {
            problem(ConfigurationNode(node: nil, path: ""), "is not valid YAML: \(error)")
            return nil
        }
    }

    // MARK: Sections

    private mutating func placement(_ value: ConfigurationNode, default policy: PlacementPolicy) -> PlacementPolicy {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.placement) else { return policy }
        var policy = policy
        policy.domain = word(value["domain"]) ?? policy.domain
        policy.smt = word(value["smt"]) ?? policy.smt
        policy.memory = word(value["memory"]) ?? policy.memory
        if let reserve = text(value["reserve"]) {
            do {
                policy.reserve = try PlacementPolicy.Reserve(parsing: reserve)
            } catch {
                problem(value["reserve"], "\(error.description); use auto, none, cores:N or a CPU list such as 0,32")
            }
        }
        return policy
    }

    private mutating func workers(_ value: ConfigurationNode, default workers: AgentConfiguration.Workers)
        -> AgentConfiguration.Workers
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.workers) else { return workers }
        var workers = workers
        workers.spin = spin(value["spin"]) ?? workers.spin
        return workers
    }

    /// A time to spin before sleeping: 0, or 1 µs to 10 ms.
    private mutating func spin(_ value: ConfigurationNode) -> Duration? {
        value.scalarText == "0" ? .zero : duration(value, in: .microseconds(1)...(.milliseconds(10)))
    }

    private mutating func models(_ value: ConfigurationNode, default models: AgentConfiguration.Models)
        -> AgentConfiguration.Models
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.models) else { return models }
        var models = models
        models.folder = text(value["folder"]) ?? models.folder
        if !value["onnxruntime"].isNull { models.onnxRuntimePath = text(value["onnxruntime"]) }
        models.intraOpThreads = integer(value["intra_op_threads"], in: 1...256) ?? models.intraOpThreads
        return models
    }

    mutating func classes(_ value: ConfigurationNode, default classes: [PriorityClass]) -> [PriorityClass] {
        guard !value.isNull else { return classes }
        guard value.node?.sequence != nil else {
            problem(value, "\(value.quoted) is not a list of classes (each: name, weight or strict, timeout, …)")
            return classes
        }
        guard !value.items.isEmpty else {
            problem(value, "is an empty list; give at least one class")
            return classes
        }
        var names = Set<String>()
        return value.items.compactMap { item in
            guard let priorityClass = priorityClass(item) else { return nil }
            if !names.insert(priorityClass.name).inserted {
                problem(item["name"], "\"\(priorityClass.name)\" names two classes; class names must differ")
            }
            return priorityClass
        }
    }

    private mutating func priorityClass(_ value: ConfigurationNode) -> PriorityClass? {
        guard value.node?.mapping != nil else {
            problem(value, "\(value.quoted) is not a class: a mapping with name and weight or strict")
            return nil
        }
        guard allowKeys(of: value, ConfigurationKeys.priorityClass) else { return nil }
        let before = problems.count
        let name = text(value["name"], required: true)
        let strict = boolean(value["strict"]) ?? false
        let weight = integer(value["weight"], in: 1...1_000_000)
        if strict, weight != nil {
            problem(value["weight"], "a strict class is served before every weighted one and has no weight; drop one")
        }
        let timeout = optionalDuration(value["timeout"])
        let maxQueue = integer(value["max_queue"], in: 1...10_000_000) ?? 1000
        let sheddable = boolean(value["sheddable"]) ?? false
        guard problems.count == before, let name else { return nil }
        return PriorityClass(
            name: name, weight: weight ?? 1, strict: strict, maxQueue: maxQueue, defaultTimeout: timeout ?? nil,
            sheddable: sheddable)
    }

    private mutating func defaultClass(_ value: ConfigurationNode, among classes: [PriorityClass]) -> String {
        let fallback = AgentConfiguration.embeddedDefault.defaultClass
        let names = classes.map(\.name)
        guard let name = text(value) else {
            return names.contains(fallback) ? fallback : (names.first ?? fallback)
        }
        if !names.contains(name) {
            problem(value, "\"\(name)\" is not a configured class (classes: \(names.joined(separator: ", ")))")
        }
        return name
    }

    private mutating func downgrade(_ value: ConfigurationNode, default downgrade: DowngradeConfiguration)
        -> DowngradeConfiguration
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.downgrade) else { return downgrade }
        var downgrade = downgrade
        downgrade.pressure = watermarks(value["pressure"], unit: .seconds, default: downgrade.pressure)
        downgrade.thermal = watermarks(value["thermal"], unit: .celsius, default: downgrade.thermal)
        downgrade.memory = watermarks(value["memory"], unit: .mebibytes, default: downgrade.memory)
        let breaker = value["circuit_breaker"]
        if !breaker.isNull, allowKeys(of: breaker, ConfigurationKeys.circuitBreaker) {
            downgrade.errors.failures = integer(breaker["failures"], in: 1...1_000_000) ?? downgrade.errors.failures
            downgrade.errors.coolDown = duration(breaker["cool_down"]) ?? downgrade.errors.coolDown
        }
        return downgrade
    }

    /// What a watermark's numbers measure, which decides how they are written.
    private enum WatermarkUnit {
        /// A duration (`50ms`), kept as seconds.
        case seconds
        /// Degrees Celsius.
        case celsius
        /// MiB of free memory.
        case mebibytes
        /// A fraction of the shortest class timeout.
        case fraction

        var range: ClosedRange<Double> {
            switch self {
            case .seconds: 0...3600
            case .celsius: -50...200
            case .mebibytes: 0...1_073_741_824
            case .fraction: 0...100
            }
        }
    }

    private mutating func watermarks(_ value: ConfigurationNode, unit: WatermarkUnit, default marks: Watermarks)
        -> Watermarks
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.watermarks) else { return marks }
        let high = watermark(value["high"], unit: unit) ?? marks.high
        let low = watermark(value["low"], unit: unit) ?? marks.low
        let hold = duration(value["hold"]) ?? marks.hold
        guard low <= high else {
            problem(value["low"], "low \(low) is above high \(high); the low watermark must not exceed the high one")
            return marks
        }
        return Watermarks(high: high, low: low, hold: hold)
    }

    private mutating func watermark(_ value: ConfigurationNode, unit: WatermarkUnit) -> Double? {
        guard unit == .seconds else { return number(value, in: unit.range) }
        return duration(value).map { Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18 }
    }

    private mutating func ingress(_ value: ConfigurationNode, default ingress: AgentConfiguration.Ingress)
        -> AgentConfiguration.Ingress
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.ingress) else { return ingress }
        var ingress = ingress
        ingress.http = address(value["http"]) ?? ingress.http
        if value["grpc"].node != nil {
            ingress.grpc = value["grpc"].isNull ? nil : address(value["grpc"])
        }
        if value["zeromq"].node != nil {
            ingress.zeromq = value["zeromq"].isNull ? nil : endpoint(value["zeromq"])
        }
        return ingress
    }

    private mutating func zeromq(_ value: ConfigurationNode, default zeromq: AgentConfiguration.ZeroMQ)
        -> AgentConfiguration.ZeroMQ
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.zeromq) else { return zeromq }
        var zeromq = zeromq
        zeromq.maxInFlightPerPeer =
            integer(value["max_in_flight_per_peer"], in: 1...1_000_000) ?? zeromq.maxInFlightPerPeer
        zeromq.maxMessageBytes = integer(value["max_message_bytes"], in: 1024...(4 << 30)) ?? zeromq.maxMessageBytes
        zeromq.sendHighWaterMark =
            integer(value["send_high_water_mark"], in: 1...10_000_000) ?? zeromq.sendHighWaterMark
        let heartbeats = Duration.milliseconds(1)...(.seconds(3600))
        zeromq.heartbeatInterval = duration(value["heartbeat_interval"], in: heartbeats) ?? zeromq.heartbeatInterval
        zeromq.heartbeatTimeout = duration(value["heartbeat_timeout"], in: heartbeats) ?? zeromq.heartbeatTimeout
        if !value["curve_secret_key_file"].isNull {
            zeromq.curveSecretKeyFile = text(value["curve_secret_key_file"])
        }
        zeromq.replySpin = spin(value["reply_spin"]) ?? zeromq.replySpin
        return zeromq
    }

    mutating func metrics(_ value: ConfigurationNode, default metrics: ListenAddress?) -> ListenAddress? {
        guard value.node != nil else { return metrics }
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.metrics) else { return nil }
        return value["address"].isNull ? nil : address(value["address"])
    }

    private mutating func limits(_ value: ConfigurationNode, default limits: AgentConfiguration.Limits)
        -> AgentConfiguration.Limits
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.limits) else { return limits }
        var limits = limits
        limits.maxBodyBytes = integer(value["max_body_bytes"], in: 1024...(4 << 30)) ?? limits.maxBodyBytes
        limits.maxInFlight = integer(value["max_in_flight"], in: 1...10_000_000) ?? limits.maxInFlight
        limits.drainTimeout = duration(value["drain_timeout"]) ?? limits.drainTimeout
        limits.maxTimeout = duration(value["max_timeout"]) ?? limits.maxTimeout
        return limits
    }

    private mutating func schedulingPolicy(
        _ value: ConfigurationNode, default policy: AgentConfiguration.SchedulingPolicyName
    ) -> AgentConfiguration.SchedulingPolicyName {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.scheduling) else { return policy }
        return word(value["policy"]) ?? policy
    }

    private mutating func sensors(_ value: ConfigurationNode, default sensors: AgentConfiguration.Sensors)
        -> AgentConfiguration.Sensors
    {
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.sensors) else { return sensors }
        var sensors = sensors
        sensors.interval = duration(value["interval"], in: .milliseconds(10)...(.seconds(3600))) ?? sensors.interval
        return sensors
    }

    private mutating func recording(_ value: ConfigurationNode, default recording: AgentConfiguration.Recording?)
        -> AgentConfiguration.Recording?
    {
        guard value.node != nil else { return recording }
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.recording) else { return nil }
        let path = text(value["path"], required: true)
        let maxMegabytes = integer(value["max_mb"], in: 1...1_048_576)
        guard let path else { return nil }
        return AgentConfiguration.Recording(path: path, maxMegabytes: maxMegabytes ?? 64)
    }

    private mutating func cluster(_ value: ConfigurationNode, default cluster: AgentConfiguration.Cluster?)
        -> AgentConfiguration.Cluster?
    {
        guard value.node != nil else { return cluster }
        guard !value.isNull, allowKeys(of: value, ConfigurationKeys.cluster) else { return nil }
        let before = problems.count
        let coordinators = coordinatorList(value["coordinators"])
        let interval = duration(value["interval"], in: .milliseconds(10)...(.seconds(3600)))
        let advertise = value["advertise"].isNull ? nil : endpoint(value["advertise"], for: .connect)
        let autonomy = duration(value["autonomy"], in: .milliseconds(10)...(.seconds(86_400)))
        let secretKeyFile = value["curve_secret_key_file"].isNull ? nil : text(value["curve_secret_key_file"])
        let routing: AgentConfiguration.Cluster.Routing? = word(value["routing"])
        let keyed = coordinators.filter { $0.publicKeyFile != nil }.count
        if secretKeyFile != nil, keyed < coordinators.count {
            problem(
                value["coordinators"],
                "\(coordinators.count - keyed) coordinator(s) have no public_key_file; with "
                    + "curve_secret_key_file every cluster socket uses CURVE, so give each coordinator's key")
        } else if secretKeyFile == nil, keyed > 0 {
            problem(
                value["curve_secret_key_file"],
                "is missing: coordinators have public keys, so this agent needs its own CURVE secret key")
        }
        guard problems.count == before else { return nil }
        return AgentConfiguration.Cluster(
            coordinators: coordinators, interval: interval ?? .seconds(1), advertise: advertise,
            autonomy: autonomy ?? .seconds(30), curveSecretKeyFile: secretKeyFile, routing: routing ?? .plan)
    }

    /// Without `cluster.advertise` peers forward to the ZeroMQ ingress's own
    /// endpoint, which must then be one they can reach.
    private mutating func checkAdvertised(_ value: ConfigurationNode, ingress: ZeroMQEndpoint?) {
        guard let ingress else {
            problem(value, "is missing: the ZeroMQ ingress is off, so give the endpoint peers forward requests to")
            return
        }
        let text = ingress.description
        if ["tcp://*:", "tcp://0.0.0.0:", "tcp://[::]:"].contains(where: text.hasPrefix) {
            problem(
                value,
                "is missing: ingress.zeromq \"\(text)\" binds every address; give the one peers reach "
                    + "(tcp://10.0.0.7:5555)")
        }
    }

    private mutating func coordinatorList(_ value: ConfigurationNode) -> [AgentConfiguration.Cluster.Coordinator] {
        guard value.node?.sequence != nil, !value.items.isEmpty else {
            problem(value, "\(value.quoted) is not a list of coordinators (each: id, reports, plans)")
            return []
        }
        var ids = Set<String>()
        return value.items.compactMap { item in
            guard allowKeys(of: item, ConfigurationKeys.coordinator) else { return nil }
            let before = problems.count
            let id = nodeID(item["id"], required: true)
            let reports = endpoint(item["reports"], for: .connect, required: true)
            let plans = endpoint(item["plans"], for: .connect, required: true)
            let keyFile = item["public_key_file"].isNull ? nil : text(item["public_key_file"])
            guard problems.count == before, let id, let reports, let plans else { return nil }
            if !ids.insert(id).inserted {
                problem(item["id"], "\"\(id)\" names two coordinators; coordinator ids must differ")
            }
            return AgentConfiguration.Cluster.Coordinator(
                id: id, reports: reports, plans: plans, publicKeyFile: keyFile)
        }
    }

    // MARK: Values

    mutating func problem(_ value: ConfigurationNode, _ message: String) {
        problems.append(ConfigurationProblem(file: file, path: value.path, position: value.position, message: message))
    }

    /// Reports keys this mapping does not have; false when it is not a mapping.
    mutating func allowKeys(of value: ConfigurationNode, _ known: [String]) -> Bool {
        guard value.node?.mapping != nil else {
            problem(value, "\(value.quoted) is not a mapping (keys: \(known.joined(separator: ", ")))")
            return false
        }
        for key in value.keys where !known.contains(key) {
            problem(value[key], "is not a key here (known: \(known.joined(separator: ", ")))")
        }
        return true
    }

    mutating func text(_ value: ConfigurationNode, required: Bool = false) -> String? {
        guard !value.isNull else {
            if required { problem(value, "is missing") }
            return nil
        }
        guard let text = value.scalarText, !text.isEmpty else {
            problem(value, "\(value.quoted) is not a string")
            return nil
        }
        return text
    }

    mutating func integer(_ value: ConfigurationNode, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let text = text(value, required: required) else { return nil }
        guard let number = Int(text.replacingUnderscores), range.contains(number) else {
            problem(value, "\(value.quoted) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    mutating func number(_ value: ConfigurationNode, in range: ClosedRange<Double>) -> Double? {
        guard let text = text(value) else { return nil }
        guard let number = Double(text.replacingUnderscores), number.isFinite, range.contains(number) else {
            problem(value, "\(value.quoted) is not a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    private mutating func boolean(_ value: ConfigurationNode) -> Bool? {
        guard let text = text(value) else { return nil }
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(value, "\(value.quoted) is not true or false")
            return nil
        }
    }

    private mutating func word<Word: RawRepresentable & CaseIterable>(_ value: ConfigurationNode) -> Word?
    where Word.RawValue == String {
        guard let text = text(value) else { return nil }
        guard let word = Word(rawValue: text) else {
            let words = Word.allCases.map(\.rawValue).joined(separator: ", ")
            problem(value, "\(value.quoted) is not one of \(words)")
            return nil
        }
        return word
    }

    mutating func duration(
        _ value: ConfigurationNode, in range: ClosedRange<Duration> = .microseconds(1)...(.seconds(86_400)),
        required: Bool = false
    ) -> Duration? {
        guard let text = text(value, required: required) else { return nil }
        guard let duration = DurationText.parse(text), range.contains(duration) else {
            problem(
                value,
                "\(value.quoted) is not a duration from \(DurationText.format(range.lowerBound)) to "
                    + "\(DurationText.format(range.upperBound)) (a number with us, ms, s or m: 50ms, 1.5s)")
            return nil
        }
        return duration
    }

    /// A duration, or `none` for no limit; the outer nil is "not given".
    private mutating func optionalDuration(_ value: ConfigurationNode) -> Duration?? {
        if value.scalarText == "none" { return .some(nil) }
        return duration(value).map { .some($0) }
    }

    /// A node id (``NodeID``): it names the node in metrics and on every cluster message.
    mutating func nodeID(_ value: ConfigurationNode, required: Bool = false) -> String? {
        guard let text = text(value, required: required) else { return nil }
        do {
            return try NodeID(text).name
        } catch {
            problem(value, error.description)
            return nil
        }
    }

    mutating func endpoint(
        _ value: ConfigurationNode, for use: ZeroMQEndpoint.Use = .bind, required: Bool = false
    ) -> ZeroMQEndpoint? {
        guard let text = text(value, required: required) else { return nil }
        do {
            return try ZeroMQEndpoint(parsing: text, for: use)
        } catch {
            problem(value, "\(value.quoted) is not a ZeroMQ endpoint: \(error)")
            return nil
        }
    }

    mutating func address(_ value: ConfigurationNode) -> ListenAddress? {
        guard let text = text(value) else { return nil }
        guard let address = ListenAddress(parsing: text) else {
            problem(value, "\(value.quoted) is not HOST:PORT (127.0.0.1:8000, [::1]:8000; port 0 to 65535)")
            return nil
        }
        return address
    }
}

extension String {
    /// YAML's and Swift's digit separators, dropped before parsing a number.
    fileprivate var replacingUnderscores: String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
