public import Inference
public import Messaging
public import Placement
public import Scheduling

/// Everything an agent is started with. ``AgentConfiguration/embeddedDefault``
/// is what `edgesched agent` runs without `--config`; each key of the YAML
/// form is documented with its default in `deploy/agent.example.yaml`.
public struct AgentConfiguration: Hashable, Sendable {
    /// Where the models come from and how their runtimes are set up.
    public struct Models: Hashable, Sendable {
        /// The folder of model manifests (`*.yaml`) and their files.
        public var folder: String
        /// `libonnxruntime.so` to load; nil: `$EDGESCHED_ONNXRUNTIME`, then
        /// the `onnxruntime` Python package's copy.
        public var onnxRuntimePath: String?
        /// ONNX Runtime intra-op threads per session. 1 runs each inference
        /// on the pinned worker's own thread; more would spawn threads that
        /// ignore the plan's pinning.
        public var intraOpThreads: Int

        /// Models settings; the defaults serve `models/` with one thread per session.
        public init(folder: String = "models", onnxRuntimePath: String? = nil, intraOpThreads: Int = 1) {
            self.folder = folder
            self.onnxRuntimePath = onnxRuntimePath
            self.intraOpThreads = intraOpThreads
        }
    }

    /// Where the agent listens.
    public struct Ingress: Hashable, Sendable {
        /// The Open Inference Protocol over HTTP.
        public var http: ListenAddress
        /// The Open Inference Protocol over gRPC, Triton's port; nil: none.
        public var grpc: ListenAddress?
        /// The ZeroMQ protocol (docs/protocol.md); nil: none.
        public var zeromq: ZeroMQEndpoint?

        /// Ingress addresses; the default is loopback only.
        public init(
            http: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8000),
            grpc: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 8001),
            zeromq: ZeroMQEndpoint? = AgentConfiguration.defaultZeroMQ
        ) {
            self.http = http
            self.grpc = grpc
            self.zeromq = zeromq
        }
    }

    /// The ZeroMQ endpoint of the embedded default.
    // swift-format-ignore: NeverUseForceTry
    // A constant that parses: a failure would be a typo caught by every test that starts an agent.
    public static let defaultZeroMQ = try! ZeroMQEndpoint(parsing: "tcp://127.0.0.1:5555", for: .bind)

    /// How the ZeroMQ ingress treats its peers.
    public struct ZeroMQ: Hashable, Sendable {
        /// Requests one peer may have unanswered; past it a request is
        /// answered `in_flight_limit` at once.
        public var maxInFlightPerPeer: Int
        /// The largest frame accepted (`ZMQ_MAXMSGSIZE`): libzmq drops a
        /// peer that sends a larger one before any of it is read.
        public var maxMessageBytes: Int
        /// Replies queued in libzmq for one peer (`ZMQ_SNDHWM`); as many again
        /// wait in the agent while its pipe is full, and past both they are
        /// dropped and counted `unroutable`: a peer that never reads blocks no one.
        public var sendHighWaterMark: Int
        /// How often each connection is pinged (ZMTP heartbeats), so that a
        /// peer that vanished without closing is noticed and its replies are
        /// counted unroutable rather than queued for it.
        public var heartbeatInterval: Duration
        /// How long a ping may go unanswered before the connection is dropped.
        public var heartbeatTimeout: Duration
        /// A file holding the ingress's CURVE secret key (Z85, 40 characters);
        /// with it, only clients that know the matching public key get through.
        public var curveSecretKeyFile: String?
        /// How long the socket's thread spins for an answer, while requests
        /// are in flight, before it sleeps in `zmq_poll`: a reply of a fast
        /// model then costs no wake-up of that thread (0: never spin).
        public var replySpin: Duration

        /// ZeroMQ settings; the defaults suit a gateway's local clients.
        public init(
            maxInFlightPerPeer: Int = 256, maxMessageBytes: Int = 64 << 20, sendHighWaterMark: Int = 1000,
            heartbeatInterval: Duration = .seconds(1), heartbeatTimeout: Duration = .seconds(3),
            curveSecretKeyFile: String? = nil, replySpin: Duration = .microseconds(50)
        ) {
            self.replySpin = replySpin
            self.maxInFlightPerPeer = maxInFlightPerPeer
            self.maxMessageBytes = maxMessageBytes
            self.sendHighWaterMark = sendHighWaterMark
            self.heartbeatInterval = heartbeatInterval
            self.heartbeatTimeout = heartbeatTimeout
            self.curveSecretKeyFile = curveSecretKeyFile
        }
    }

    /// Bounds on what clients may ask of the agent.
    public struct Limits: Hashable, Sendable {
        /// The largest request body accepted (413 past it).
        public var maxBodyBytes: Int
        /// Requests accepted but not yet answered, over all connections; past
        /// it a request is refused at once rather than queued in the socket.
        public var maxInFlight: Int
        /// How long SIGTERM waits for accepted work before answering the rest
        /// `shutting_down`.
        public var drainTimeout: Duration
        /// The longest deadline a request's `timeout` parameter may ask for.
        public var maxTimeout: Duration

        /// What the request decoder accepts: no tensor larger than twice the
        /// body (a JSON value takes at least two bytes, a binary one its size).
        public var tensors: TensorLimits {
            TensorLimits(maximumTensorBytes: maxBodyBytes * 2)
        }

        /// Limits; the defaults suit a gateway serving small models.
        public init(
            maxBodyBytes: Int = 64 << 20, maxInFlight: Int = 4096, drainTimeout: Duration = .seconds(10),
            maxTimeout: Duration = .seconds(60)
        ) {
            self.maxBodyBytes = maxBodyBytes
            self.maxInFlight = maxInFlight
            self.drainTimeout = drainTimeout
            self.maxTimeout = maxTimeout
        }
    }

    /// How pinned workers wait for work.
    public struct Workers: Hashable, Sendable {
        /// How long an idle worker spins before it parks: a request that
        /// arrives within it is picked up without a futex wake-up (a few µs
        /// instead of ten or more); the price is that CPU time while idle.
        public var spin: Duration

        /// Worker settings; the default spins 20 µs.
        public init(spin: Duration = .microseconds(20)) {
            self.spin = spin
        }
    }

    /// How often the downgrade signals' sensors are read.
    public struct Sensors: Hashable, Sendable {
        /// The interval between two readings of temperatures and free memory.
        public var interval: Duration

        /// Sensor settings; the default reads once a second.
        public init(interval: Duration = .seconds(1)) {
            self.interval = interval
        }
    }

    /// Where every request's arrival and outcome is recorded (docs/recording.md).
    public struct Recording: Hashable, Sendable {
        /// The file written; when it reaches ``maxMegabytes`` it becomes
        /// `PATH.1` (replacing the one before) and a new file starts.
        public var path: String
        /// The size in MiB at which the file is rotated.
        public var maxMegabytes: Int

        /// A recording to `path`, rotated at `maxMegabytes` MiB.
        public init(path: String, maxMegabytes: Int = 64) {
            self.path = path
            self.maxMegabytes = maxMegabytes
        }
    }

    /// How the agent takes part in a site's cluster (docs/cluster-protocol.md):
    /// it reports its demand and capacity vectors to every coordinator each
    /// interval and applies the plans the active one publishes.
    public struct Cluster: Hashable, Sendable {
        /// One coordinator peer, as this agent reaches it.
        public struct Coordinator: Hashable, Sendable {
            /// Its node id (a coordinator's plans name it).
            public var id: String
            /// Its ROUTER, where this agent's reports go.
            public var reports: ZeroMQEndpoint
            /// Its PUB, where its plans come from.
            public var plans: ZeroMQEndpoint
            /// A file holding its CURVE public key (Z85); nil: plaintext.
            public var publicKeyFile: String?

            /// A coordinator at these endpoints.
            public init(id: String, reports: ZeroMQEndpoint, plans: ZeroMQEndpoint, publicKeyFile: String? = nil) {
                self.id = id
                self.reports = reports
                self.plans = plans
                self.publicKeyFile = publicKeyFile
            }
        }

        /// Every coordinator of the site; reports go to all of them.
        public var coordinators: [Coordinator]
        /// How often the vectors are sent; a node silent for three intervals is dropped.
        public var interval: Duration
        /// Where peers forward requests to this agent: its ZeroMQ ingress as
        /// others reach it; nil: `ingress.zeromq`, which must then name a host and port.
        public var advertise: ZeroMQEndpoint?
        /// How long the agent keeps serving on its last plan without hearing one.
        public var autonomy: Duration
        /// A file holding this agent's CURVE secret key (Z85), for every cluster
        /// socket; set exactly when the coordinators' public keys are.
        public var curveSecretKeyFile: String?
        /// Where the requests it refuses for want of room go.
        public var routing: Routing

        /// How an agent picks a peer for a request it has no room for.
        public enum Routing: String, CaseIterable, Hashable, Sendable {
            /// The plan's routes: a route peer predicted to finish in time, by the plan's shares.
            case plan
            /// The usual baseline: the one of two random nodes the plan places
            /// the model on with fewer of this agent's requests outstanding;
            /// no prediction, no shares.
            case powerOfTwo = "power-of-two"
            /// None: the agent refuses what it has no room for.
            case off
        }

        /// Cluster settings; reports once a second, autonomous after 30 s
        /// without a plan, overflow on the plan's routes.
        public init(
            coordinators: [Coordinator], interval: Duration = .seconds(1), advertise: ZeroMQEndpoint? = nil,
            autonomy: Duration = .seconds(30), curveSecretKeyFile: String? = nil, routing: Routing = .plan
        ) {
            self.routing = routing
            self.coordinators = coordinators
            self.interval = interval
            self.advertise = advertise
            self.autonomy = autonomy
            self.curveSecretKeyFile = curveSecretKeyFile
        }
    }

    /// The scheduling policy the agent runs (`scheduling.policy`).
    public enum SchedulingPolicyName: String, CaseIterable, Hashable, Sendable {
        /// edgesched's ``Scheduler``: admission by predicted completion,
        /// weighted fair queuing, downgrades, shedding.
        case edgesched
        /// The baseline a Triton user configures: strict priority levels in
        /// class order, per-class queue timeouts and maximum queue sizes,
        /// nothing else (``BaselinePolicy/Discipline/queueTimeout``).
        case queueTimeout = "queue-timeout"
    }

    /// The name this node reports to coordinators and in metrics; nil: the host name.
    public var nodeID: String?
    /// The folder whose `sys` and `proc` describe the machine (`/` on a real one).
    public var topologyRoot: String
    /// How CPUs become execution domains and workers.
    public var placement: PlacementPolicy
    /// How the workers wait for work.
    public var workers: Workers
    /// Models and runtimes.
    public var models: Models
    /// Priority classes, in the order integer priorities count them (1 is the first).
    public var classes: [PriorityClass]
    /// The class of a request that names none.
    public var defaultClass: String
    /// Downgrade signals' watermarks and the circuit breaker.
    public var downgrade: DowngradeConfiguration
    /// When shedding of sheddable classes starts and stops.
    public var overload: Watermarks
    /// Which scheduler admits and dispatches tasks.
    public var schedulingPolicy: SchedulingPolicyName
    /// Where the agent serves requests.
    public var ingress: Ingress
    /// How the ZeroMQ ingress treats its peers.
    public var zeromq: ZeroMQ
    /// Where Prometheus scrapes `/metrics`; nil: no metrics server.
    public var metrics: ListenAddress?
    /// Bounds on clients.
    public var limits: Limits
    /// Sensor reading.
    public var sensors: Sensors
    /// The arrival recording; nil: off.
    public var recording: Recording?
    /// The site's cluster; nil: the agent serves alone.
    public var cluster: Cluster?

    /// A configuration; every default is the embedded one.
    public init(
        nodeID: String? = nil,
        topologyRoot: String = "/",
        placement: PlacementPolicy = PlacementPolicy(),
        workers: Workers = Workers(),
        models: Models = Models(),
        classes: [PriorityClass] = PriorityClass.defaults,
        defaultClass: String = "standard",
        downgrade: DowngradeConfiguration = .defaults,
        overload: Watermarks = Watermarks(high: 0.5, low: 0.25, hold: .seconds(1)),
        schedulingPolicy: SchedulingPolicyName = .edgesched,
        ingress: Ingress = Ingress(),
        zeromq: ZeroMQ = ZeroMQ(),
        metrics: ListenAddress? = ListenAddress(host: "127.0.0.1", port: 8002),
        limits: Limits = Limits(),
        sensors: Sensors = Sensors(),
        recording: Recording? = nil,
        cluster: Cluster? = nil
    ) {
        self.nodeID = nodeID
        self.topologyRoot = topologyRoot
        self.placement = placement
        self.workers = workers
        self.models = models
        self.classes = classes
        self.defaultClass = defaultClass
        self.downgrade = downgrade
        self.overload = overload
        self.schedulingPolicy = schedulingPolicy
        self.ingress = ingress
        self.zeromq = zeromq
        self.metrics = metrics
        self.limits = limits
        self.sensors = sensors
        self.recording = recording
        self.cluster = cluster
    }

    /// What `edgesched agent` runs without `--config`: this machine, `models/`,
    /// HTTP on 127.0.0.1:8000, ZeroMQ on tcp://127.0.0.1:5555, metrics on 127.0.0.1:8002.
    public static let embeddedDefault = AgentConfiguration()
}
