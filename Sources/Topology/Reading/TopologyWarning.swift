/// A fact about one object (a CPU's `online` flag, a core's `core_id`, a
/// cache's `size`) whose file exists but cannot be read. As hwloc does, the
/// reader goes on without the fact and says what it assumed instead; only a
/// machine-wide list that cannot be read (`cpu/possible`, `cpu/online`, a
/// node's `cpulist`) stops the read.
public struct TopologyWarning: Hashable, Sendable, CustomStringConvertible {
    /// Why the file could not be read: it names the file and quotes its content.
    public var problem: TopologyError
    /// What the reader assumed instead, in words (`"taken as online"`).
    public var assumption: String

    /// A warning that `problem` was read past, assuming `assumption`.
    public init(problem: TopologyError, assumption: String) {
        self.problem = problem
        self.assumption = assumption
    }

    /// The file the warning is about, under the root that was read.
    public var path: String { problem.path }

    /// `path: detail (content: "…"); assumption`.
    public var description: String {
        "\(problem.description); \(assumption)"
    }
}
