/// The start of a recording file (docs/recording.md): when the recording
/// began on both clocks, and the names its records number.
public struct RecordingHeader: Hashable, Sendable {
    /// A model's name and its variants' names, rung by rung.
    public struct Model: Hashable, Sendable {
        /// The model's name.
        public var name: String
        /// Its variants, preferred first (a record's rung indexes them).
        public var variants: [String]

        /// A model named `name` with `variants`.
        public init(name: String, variants: [String]) {
            self.name = name
            self.variants = variants
        }
    }

    /// When the recording began: nanoseconds since the Unix epoch.
    public var wallClockStart: Int64
    /// When the recording began on the monotonic clock its arrivals are on;
    /// the same in every file of one agent run, so rotated files line up.
    public var monotonicStart: Instant
    /// Priority class names, by ``ClassID``.
    public var classes: [String]
    /// Models, by ``ModelID``.
    public var models: [Model]
    /// Ingress names (`http`, `zeromq`), by ``RecordedArrival/ingress``.
    public var ingresses: [String]

    /// A header from its parts.
    public init(wallClockStart: Int64, monotonicStart: Instant, classes: [String], models: [Model], ingresses: [String])
    {
        self.wallClockStart = wallClockStart
        self.monotonicStart = monotonicStart
        self.classes = classes
        self.models = models
        self.ingresses = ingresses
    }
}
