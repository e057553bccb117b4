public import Messaging

/// Where a run sends its requests, and so where the model's inputs are learnt.
public enum LoadTarget: Hashable, Sendable, CustomStringConvertible {
    /// An Open Inference Protocol server over HTTP; its metadata (`GET /v2/models/NAME`) gives the inputs,
    /// and the model's manifest in the folder `models`, when given, its variants' accuracies.
    case http(ServerURL, models: String? = nil)
    /// The agent's ZeroMQ ingress; protocol v1 has no metadata call, so the model's manifest in the folder
    /// `models` gives the inputs (and its variants' accuracies).
    case zeroMQ(ZeroMQEndpoint, models: String)
    /// An Open Inference Protocol server over gRPC (Triton's `GRPCInferenceService`); its `ModelMetadata`
    /// gives the inputs, the manifest in `models`, when given, the variants' accuracies.
    case grpc(GRPCAddress, models: String? = nil)

    /// The folder of manifests read over ZeroMQ when none is given.
    public static let defaultModels = "models"

    /// The target of exactly one of `url`, `grpc` and `endpoint`, with the folder of manifests `models`.
    /// - Throws: ``LoadError`` naming the flags when more than one server or none is given, or the address
    ///   does not parse.
    public init(url: String?, grpc: String? = nil, endpoint: String?, models: String?) throws(LoadError) {
        let given = [("--url", url), ("--grpc", grpc), ("--endpoint", endpoint)].compactMap { flag, value in
            value.map { "\(flag) \($0)" }
        }
        guard given.count <= 1 else {
            throw LoadError(.invalidArgument, "\(given.joined(separator: " and ")): give one server, not several")
        }
        if let url {
            self = .http(try ServerURL(parsing: url), models: models)
        } else if let grpc {
            self = .grpc(try GRPCAddress(parsing: grpc), models: models)
        } else if let endpoint {
            do {
                self = .zeroMQ(
                    try ZeroMQEndpoint(parsing: endpoint, for: .connect), models: models ?? Self.defaultModels)
            } catch {
                throw LoadError(.invalidArgument, "--endpoint \(endpoint): \(error)")
            }
        } else {
            throw LoadError(
                .invalidArgument,
                "no server: give --url http://HOST:PORT (HTTP), --grpc HOST:PORT (gRPC) or --endpoint "
                    + "tcp://HOST:PORT | ipc://PATH (ZeroMQ)")
        }
    }

    /// The folder of manifests the run reads: always over ZeroMQ, over HTTP only when given.
    public var models: String? {
        switch self {
        case .http(_, let models): models
        case .zeroMQ(_, let models): models
        case .grpc(_, let models): models
        }
    }

    /// The server as given: the URL or the endpoint.
    public var description: String {
        switch self {
        case .http(let url, _): url.description
        case .zeroMQ(let endpoint, _): endpoint.description
        case .grpc(let address, _): address.description
        }
    }

    /// Connections when none are asked for: up to 64 over HTTP (one request in flight each), one ZeroMQ
    /// socket or HTTP/2 connection (which carries any number in flight).
    public var defaultConnections: Int {
        switch self {
        case .http: 64
        case .zeroMQ, .grpc: 1
        }
    }

    /// The transport's name in reports: `http`, `grpc` or `zeromq`.
    public var transport: String {
        switch self {
        case .http: "http"
        case .zeroMQ: "zeromq"
        case .grpc: "grpc"
        }
    }
}
