/// The message every agent sends each interval to every coordinator: who it
/// is and its two vectors. The sequence number lets a coordinator drop a
/// report older than the newest it holds from that node. `ClusterWire`
/// encodes and decodes it (docs/cluster-protocol.md).
public struct NodeReport: Sendable, Equatable {
    /// The sender.
    public var node: NodeID
    /// One more than the sender's previous report; starts at 1.
    public var sequence: UInt64
    /// The sender's CURVE public key (32 bytes), empty when the site runs without keys.
    public var publicKey: [UInt8]
    /// The sender's reporting interval, in milliseconds: a node silent for
    /// three of them is dropped.
    public var intervalMilliseconds: UInt32
    /// The ZeroMQ endpoint peers forward requests to (`tcp://10.0.0.7:5555`).
    public var ingressEndpoint: String
    /// What the node was asked to do.
    public var demand: DemandVector
    /// What the node can do.
    public var capacity: CapacityVector
    /// The CURVE server key of its ingress (32 bytes); empty: a plaintext ingress.
    public var ingressPublicKey: [UInt8]

    /// A report.
    public init(
        node: NodeID, sequence: UInt64, publicKey: [UInt8], intervalMilliseconds: UInt32, ingressEndpoint: String,
        demand: DemandVector, capacity: CapacityVector, ingressPublicKey: [UInt8] = []
    ) {
        self.ingressPublicKey = ingressPublicKey
        self.node = node
        self.sequence = sequence
        self.publicKey = publicKey
        self.intervalMilliseconds = intervalMilliseconds
        self.ingressEndpoint = ingressEndpoint
        self.demand = demand
        self.capacity = capacity
    }
}
