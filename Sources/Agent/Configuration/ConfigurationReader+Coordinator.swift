import Cluster
import Messaging
import Scheduling
import Yams

extension ConfigurationReader {
    /// A coordinator's configuration, or nil when ``problems`` is not empty.
    /// `id`, `reports`, `plans` and `models` are required; the rest default.
    mutating func readCoordinator(yaml: String) -> CoordinatorConfiguration? {
        guard let root = root(of: yaml) else { return nil }
        guard allowKeys(of: root, ConfigurationKeys.coordinatorRoot) else { return nil }
        let id = nodeID(root["id"], required: true)
        let reports = endpoint(root["reports"], required: true)
        let plans = endpoint(root["plans"], required: true)
        let peers = root["peers"].isNull ? [] : peerList(root["peers"], own: id)
        let agents = root["agents"].isNull ? nil : agentList(root["agents"])
        let interval = duration(root["interval"], in: .milliseconds(10)...(.seconds(3600))) ?? .seconds(1)
        let takeover = duration(root["takeover"], in: .milliseconds(10)...(.seconds(86_400))) ?? interval * 3
        if takeover <= interval {
            problem(root["takeover"], "must be longer than the interval, or every pause would hand over")
        }
        let metrics = metrics(root["metrics"], default: nil)
        let classes = classes(root["classes"], default: PriorityClass.defaults)
        let models = plannedModels(root["models"])
        let secretKeyFile = root["curve_secret_key_file"].isNull ? nil : text(root["curve_secret_key_file"])
        let agentKeys = root["agent_keys"].isNull ? nil : text(root["agent_keys"])
        checkKeys(root, secretKeyFile: secretKeyFile, agentKeys: agentKeys, peers: peers)
        guard problems.isEmpty, let id, let reports, let plans else { return nil }
        do {
            let planner = try PlannerConfiguration(models: models, classes: classes)
            return CoordinatorConfiguration(
                id: id, reports: reports, plans: plans, peers: peers, agents: agents, interval: interval,
                takeover: takeover, metrics: metrics, planner: planner, curveSecretKeyFile: secretKeyFile,
                agentKeysFolder: agentKeys)
        } catch {
            problem(root["models"], error.message)
            return nil
        }
    }

    /// CURVE is all or nothing: with a secret key the agents' keys and every
    /// peer's public key are needed, and neither without one.
    private mutating func checkKeys(
        _ root: ConfigurationNode, secretKeyFile: String?, agentKeys: String?,
        peers: [CoordinatorConfiguration.Peer]
    ) {
        let keyed = peers.filter { $0.publicKeyFile != nil }.count
        if secretKeyFile != nil {
            if agentKeys == nil {
                problem(root["agent_keys"], "is missing: with CURVE, give the folder of the agents' NODE_ID.pub keys")
            }
            if keyed < peers.count {
                problem(root["peers"], "\(peers.count - keyed) peer(s) have no public_key_file; with CURVE give each")
            }
        } else if agentKeys != nil || keyed > 0 {
            problem(
                root["curve_secret_key_file"],
                "is missing: agent_keys or a peer's public_key_file turn CURVE on, which needs this coordinator's key")
        }
    }

    private mutating func peerList(_ value: ConfigurationNode, own: String?) -> [CoordinatorConfiguration.Peer] {
        guard value.node?.sequence != nil else {
            problem(value, "\(value.quoted) is not a list of coordinators (each: id, plans)")
            return []
        }
        var ids = Set([own].compactMap { $0 })
        return value.items.compactMap { item in
            guard allowKeys(of: item, ConfigurationKeys.peer) else { return nil }
            let id = nodeID(item["id"], required: true)
            let plans = endpoint(item["plans"], for: .connect, required: true)
            let keyFile = item["public_key_file"].isNull ? nil : text(item["public_key_file"])
            guard let id, let plans else { return nil }
            guard ids.insert(id).inserted else {
                problem(item["id"], "\"\(id)\" names this coordinator or another peer; ids must differ")
                return nil
            }
            return CoordinatorConfiguration.Peer(id: id, plans: plans, publicKeyFile: keyFile)
        }
    }

    private mutating func agentList(_ value: ConfigurationNode) -> Set<NodeID> {
        guard value.node?.sequence != nil else {
            problem(value, "\(value.quoted) is not a list of node ids")
            return []
        }
        // `nodeID` has checked each name and reported the ones that are not ids.
        return Set(value.items.compactMap { nodeID($0, required: true) }.compactMap { try? NodeID($0) })
    }

    private mutating func plannedModels(_ value: ConfigurationNode) -> [PlannedModel] {
        guard value.node?.sequence != nil, !value.items.isEmpty else {
            problem(value, "\(value.quoted) is not a list of models (each: name, variants)")
            return []
        }
        return value.items.compactMap { item in
            guard allowKeys(of: item, ConfigurationKeys.plannedModel) else { return nil }
            let name = text(item["name"], required: true)
            let variants = plannedVariants(item["variants"])
            let downgrade = item["downgrade_classes"].isNull ? [] : names(item["downgrade_classes"])
            let replicas = item["min_replicas"].isNull ? 1 : integer(item["min_replicas"], in: 0...10_000)
            guard let name, let replicas, !variants.isEmpty else { return nil }
            return PlannedModel(
                name: name, variants: variants, downgradeClasses: downgrade, minimumReplicas: replicas)
        }
    }

    private mutating func plannedVariants(_ value: ConfigurationNode) -> [PlannedVariant] {
        guard value.node?.sequence != nil, !value.items.isEmpty else {
            problem(value, "\(value.quoted) is not a list of variants, best first (each: name, service, memory_mb)")
            return []
        }
        return value.items.compactMap { item in
            guard allowKeys(of: item, ConfigurationKeys.plannedVariant) else { return nil }
            let name = text(item["name"], required: true)
            let service = duration(item["service"], in: .microseconds(1)...(.seconds(3600)), required: true)
            let memory = integer(item["memory_mb"], in: 0...16_777_216, required: true)
            let accuracy = item["accuracy"].isNull ? 1 : number(item["accuracy"], in: 0...1)
            guard let name, let service, let memory, let accuracy else { return nil }
            return PlannedVariant(
                name: name, serviceMilliseconds: Double(service.nanoseconds) / 1e6,
                memoryBytes: UInt64(memory) << 20, accuracy: accuracy)
        }
    }

    private mutating func names(_ value: ConfigurationNode) -> [String] {
        guard value.node?.sequence != nil else {
            problem(value, "\(value.quoted) is not a list of names")
            return []
        }
        return value.items.compactMap { text($0, required: true) }
    }
}
