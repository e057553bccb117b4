import Cluster
import Messaging

/// Who this agent is on its cluster's messages: its node id (the
/// configuration's, or the host name), its CURVE key pair when the site uses
/// keys, and where peers forward requests to it.
struct ClusterIdentity: Sendable {
    let node: NodeID
    /// Nil: the site runs without CURVE.
    let keyPair: CurveKeyPair?
    /// The configured `cluster.advertise`; nil: the ZeroMQ ingress's bound endpoint.
    let advertise: String?
    /// The ZeroMQ ingress's CURVE server key, which peers forward to it
    /// with; empty: a plaintext ingress.
    let ingressPublicKey: [UInt8]

    /// The identity of the node named `name` (``Agent/nodeName``) in
    /// `cluster`; the error names the setting (a host name that is no node
    /// id, a key file that is no key).
    init(name: String, cluster: AgentConfiguration.Cluster, ingressKeyFile: String?) throws(AgentError) {
        do {
            node = try NodeID(name)
        } catch {
            throw AgentError(.startFailed, "cluster: the host name is no node id; set node_id (\(error))")
        }
        keyPair = try cluster.curveSecretKeyFile.map { path throws(AgentError) in
            try CurveKeyFile.keyPair(secretAt: path, for: "cluster.curve_secret_key_file")
        }
        advertise = cluster.advertise?.description
        ingressPublicKey =
            try ingressKeyFile.map { path throws(AgentError) in
                try CurveKeyFile.keyPair(secretAt: path, for: "zeromq.curve_secret_key_file").publicKey.bytes
            } ?? []
    }
}
