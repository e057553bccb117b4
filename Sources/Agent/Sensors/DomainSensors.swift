public import Placement
public import Topology

/// The sensors of an execution plan: package temperatures and free memory
/// per node, folded into one reading per domain. A sensor the machine lacks
/// is left out, and its signal stays off; ``unavailable`` says why, for the
/// one log line the agent writes at start.
public struct DomainSensors: Sendable {
    /// Why a sensor is off, one entry per missing sensor.
    public let unavailable: [SensorProblem]
    /// The temperature source found, if any (e.g. `hwmon coretemp`).
    public var temperatureSource: String? { temperatures?.source }
    private let temperatures: PackageTemperatureSensor?
    private let memory: NodeMemorySensor?
    private let packagesOfDomain: [[LogicalIndex]]
    private let nodesOfDomain: [[OSIndex]]

    /// Finds the sensors under `root` for the domains of `plan` on `topology`.
    public init(root: String, topology: MachineTopology, plan: ExecutionPlan) {
        var unavailable: [SensorProblem] = []
        switch PackageTemperatureSensor.discover(root: root, topology: topology) {
        case .success(let sensor): temperatures = sensor
        case .failure(let problem):
            temperatures = nil
            unavailable.append(problem)
        }
        switch NodeMemorySensor.discover(root: root, topology: topology) {
        case .success(let sensor): memory = sensor
        case .failure(let problem):
            memory = nil
            unavailable.append(problem)
        }
        self.unavailable = unavailable
        packagesOfDomain = plan.domains.map { domain in
            topology.packages.filter { !$0.cpus.isDisjoint(with: domain.cpus) }.map(\.logicalIndex)
        }
        nodesOfDomain = plan.domains.map { domain in
            let nodes =
                domain.numaNodes.isEmpty
                ? topology.numaNodes.filter { !$0.cpus.isDisjoint(with: domain.cpus) }.map(\.osIndex)
                : domain.numaNodes.map(OSIndex.init(rawValue:))
            return nodes
        }
    }

    /// One reading per domain, in domain order, and the files that failed this time.
    public func read() -> (readings: [DomainReading], problems: [SensorProblem]) {
        let temperatures = self.temperatures?.read() ?? SensorReadings()
        let memory = self.memory?.read() ?? SensorReadings()
        let readings = packagesOfDomain.indices.map { domain in
            let celsius = packagesOfDomain[domain].compactMap { temperatures.values[$0] }.max()
            let free = nodesOfDomain[domain].map { memory.values[$0] }
            return DomainReading(
                domain: domain,
                celsius: celsius,
                freeMebibytes: free.isEmpty || free.contains(nil) ? nil : free.reduce(0) { $0 + ($1 ?? 0) }
            )
        }
        return (readings, temperatures.problems + memory.problems)
    }
}
