/// The ways requests come in, as the metrics label them.
public enum IngressKind: String, CaseIterable, Sendable {
    /// The Open Inference Protocol over HTTP.
    case http
    /// The ZeroMQ protocol (docs/protocol.md).
    case zeromq
    /// The Open Inference Protocol over gRPC.
    case grpc
}
