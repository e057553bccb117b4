import Cluster
import Foundation
import Messaging

/// A coordinator's CURVE keys, read once at start: its own pair, its peers'
/// public keys, and the agents' (the allow-list), each by node id.
struct CoordinatorKeys: Sendable {
    let keyPair: CurveKeyPair
    /// Each peer coordinator's key, by id.
    let peers: [String: CurveKey]
    /// Each allowed agent's key, raw, by node id.
    let agents: [NodeID: [UInt8]]
    /// Who holds each raw key ZAP lets in: agents' on both sockets, peers' on the PUB.
    private let agentOfKey: [[UInt8]: String]
    private let peerOfKey: [[UInt8]: String]

    private init(keyPair: CurveKeyPair, peers: [String: CurveKey], agents: [NodeID: [UInt8]]) {
        self.keyPair = keyPair
        self.peers = peers
        self.agents = agents
        agentOfKey = Dictionary(agents.map { ($1, $0.name) }) { first, _ in first }
        peerOfKey = Dictionary(peers.map { ($1.bytes, $0) }) { first, _ in first }
    }

    /// The keys `configuration` names; nil when it runs without CURVE. The
    /// error names the setting and the file.
    static func read(for configuration: CoordinatorConfiguration) throws(AgentError) -> CoordinatorKeys? {
        guard let secretKeyFile = configuration.curveSecretKeyFile else { return nil }
        let keyPair = try CurveKeyFile.keyPair(secretAt: secretKeyFile, for: "curve_secret_key_file")
        var peers: [String: CurveKey] = [:]
        for peer in configuration.peers {
            guard let file = peer.publicKeyFile else { continue }
            peers[peer.id] = try CurveKeyFile.key(at: file, for: "peers[\(peer.id)].public_key_file")
        }
        let agents = try agentKeys(in: configuration.agentKeysFolder ?? "")
        return CoordinatorKeys(keyPair: keyPair, peers: peers, agents: agents)
    }

    /// The `NODE_ID.pub` files of `folder`.
    private static func agentKeys(in folder: String) throws(AgentError) -> [NodeID: [UInt8]] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw AgentError(
                .startFailed, "agent_keys: \(folder) is not a readable folder: \(error.localizedDescription)")
        }
        var keys: [NodeID: [UInt8]] = [:]
        for name in names.sorted() where name.hasSuffix(".pub") {
            let id = String(name.dropLast(4))
            let node: NodeID
            do {
                node = try NodeID(id)
            } catch {
                throw AgentError(.startFailed, "agent_keys: \(folder)/\(name): the name is no node id: \(error)")
            }
            keys[node] = try CurveKeyFile.key(at: folder + "/" + name, for: "agent_keys").bytes
        }
        return keys
    }

    /// The node id a connection to the socket of ZAP `domain` with the raw
    /// `clientKey` is let in as; nil: it is not let in.
    func holder(of clientKey: [UInt8], on domain: ZAPHandler.Domain) -> String? {
        agentOfKey[clientKey] ?? (domain == .plans ? peerOfKey[clientKey] : nil)
    }

    /// Whether `report` carries the key its node was given.
    func matches(_ report: NodeReport) -> Bool {
        agents[report.node] == report.publicKey
    }
}
