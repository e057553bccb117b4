/// Everything one load run needs, validated: where to send (over HTTP or
/// ZeroMQ), what, how fast, for how long, and how to report it.
///
/// Invariants (checked by ``validated()``): the rate and the duration are
/// positive, the class shares add up to 1, class names are distinct,
/// `connections` is at least 1, and `preconnect` is between 0 and
/// `connections` (0 unless over HTTP).
public struct LoadPlan: Sendable {
    /// How tensors travel in HTTP request bodies (over ZeroMQ they are always raw frames).
    public enum TensorEncoding: String, Sendable, CaseIterable {
        /// Values in each input's JSON `data` array.
        case json
        /// Triton's binary tensor extension: a JSON header, then the raw bytes.
        case binary
    }

    /// The server and how to reach it.
    public var target: LoadTarget
    /// The model every request names.
    public var model: String
    /// Arrivals per second.
    public var rate: Double
    /// How long the generator sends.
    public var duration: Duration
    /// How arrivals are spaced.
    public var arrivals: ArrivalProcess
    /// The traffic classes, their shares adding up to 1.
    public var classes: [TrafficClass]
    /// JSON or binary tensors.
    public var tensors: TensorEncoding
    /// The most HTTP connections open at once, or the ZeroMQ DEALER sockets.
    public var connections: Int
    /// HTTP connections opened before the first arrival, so that the run measures the server serving
    /// rather than the client opening connections on the same machine (as `wrk` does); 0 opens each when
    /// it is first needed.
    public var preconnect: Int
    /// The seed of the arrivals, the class draws and the tensor values.
    public var seed: UInt64
    /// Send each class's 1-based position as `priority` instead of its name (Triton reads an integer).
    public var priorityAsInteger: Bool
    /// Send neither `priority` nor `timeout`: the server sees one stream without deadlines (a FIFO
    /// baseline); on time is still judged against each class's timeout.
    public var withoutClassParameters: Bool
    /// How long answers are awaited after sending stops, beyond the largest class timeout.
    public var drainGrace: Duration
    /// Let the agent answer with a cheaper variant than the preferred one; false asks each request to be
    /// served by the preferred variant only (`edgesched_allow_downgrade: false`, the ZeroMQ no-downgrade flag).
    public var allowDowngrades: Bool
    /// The cheapest variant each request accepts (a downgrade never goes past it: `edgesched_min_variant`,
    /// the ZeroMQ header's lowest variant); nil accepts any.
    public var lowestVariant: String?
    /// Parameters every HTTP request carries besides the class's (`--parameter`); none over ZeroMQ, whose
    /// protocol has no free parameters.
    public var extraParameters: [RequestParameter]

    /// A plan; call ``validated()`` before running it. With no `connections`, the target's
    /// ``LoadTarget/defaultConnections``.
    public init(
        target: LoadTarget, model: String, rate: Double = 100, duration: Duration = .seconds(10),
        arrivals: ArrivalProcess = .poisson, classes: [TrafficClass] = [], tensors: TensorEncoding = .json,
        connections: Int? = nil, preconnect: Int = 0, seed: UInt64 = 1, priorityAsInteger: Bool = false,
        withoutClassParameters: Bool = false, drainGrace: Duration = .seconds(5), allowDowngrades: Bool = true,
        lowestVariant: String? = nil, extraParameters: [RequestParameter] = []
    ) {
        self.target = target
        self.model = model
        self.rate = rate
        self.duration = duration
        self.arrivals = arrivals
        self.classes = classes
        self.tensors = tensors
        self.connections = connections ?? target.defaultConnections
        self.preconnect = preconnect
        self.seed = seed
        self.priorityAsInteger = priorityAsInteger
        self.withoutClassParameters = withoutClassParameters
        self.drainGrace = drainGrace
        self.allowDowngrades = allowDowngrades
        self.lowestVariant = lowestVariant
        self.extraParameters = extraParameters
    }

    /// The plan with the implicit default class filled in when none is given.
    /// - Throws: ``LoadError`` naming the flag and the value that break an invariant.
    public func validated() throws(LoadError) -> LoadPlan {
        guard rate.isFinite, rate > 0 else {
            throw LoadError(.invalidArgument, "--rate \(rate): must be a positive number of requests per second")
        }
        guard duration > .zero else {
            throw LoadError(.invalidArgument, "--duration \(duration): must be positive, such as 10s")
        }
        guard connections >= 1 else {
            throw LoadError(.invalidArgument, "--connections \(connections): must be at least 1")
        }
        guard (0...connections).contains(preconnect) else {
            throw LoadError(
                .invalidArgument, "--preconnect \(preconnect): must be between 0 and --connections (\(connections))")
        }
        switch target {
        case .http: break
        case .zeroMQ, .grpc:
            guard preconnect == 0 else {
                throw LoadError(
                    .invalidArgument,
                    "--preconnect \(preconnect): goes with --url; over --endpoint and --grpc the sockets connect before sending"
                )
            }
        }
        guard !model.isEmpty else {
            throw LoadError(.invalidArgument, "--model: must name the model to load")
        }
        guard lowestVariant?.isEmpty != true else {
            throw LoadError(.invalidArgument, "--lowest-variant: must name a variant of the model, such as int8")
        }
        if case .zeroMQ = target, let first = extraParameters.first {
            throw LoadError(
                .invalidArgument, "--parameter \(first.name): goes with --url; protocol v1 has no free parameters")
        }
        var seen = Set<String>()
        for parameter in extraParameters where !seen.insert(parameter.name).inserted {
            throw LoadError(.invalidArgument, "--parameter \(parameter.name): the parameter is given twice")
        }
        var plan = self
        if plan.classes.isEmpty { plan.classes = [.implicitDefault] }
        seen = []
        for trafficClass in plan.classes where !seen.insert(trafficClass.name).inserted {
            throw LoadError(.invalidArgument, "--class \(trafficClass.name): the class is given twice")
        }
        let total = plan.classes.reduce(0) { $0 + $1.share }
        guard abs(total - 1) < 1e-6 else {
            let list = plan.classes.map { "\($0.name) \($0.share)" }.joined(separator: ", ")
            throw LoadError(
                .invalidArgument, "--class: shares add up to \(total) (\(list)); they must add up to 1")
        }
        return plan
    }

    /// How tensors travel, as reports name it: `json` or `binary` over HTTP, `frames` (raw data frames) over ZeroMQ.
    var tensorsSent: String {
        switch target {
        case .http: tensors.rawValue
        case .zeroMQ: "frames"
        case .grpc: "raw_input_contents"
        }
    }

    /// True when no `--class` was given and requests carry no `priority`.
    var usesImplicitClass: Bool { classes == [.implicitDefault] }

    /// How long the generator waits for answers after it stops sending.
    var drainLimit: Duration {
        (classes.compactMap(\.timeout).max() ?? .zero) + drainGrace
    }
}
