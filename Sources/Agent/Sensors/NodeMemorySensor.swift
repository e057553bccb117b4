public import Topology

/// Free memory of each NUMA node with memory, in MiB, from the `MemFree`
/// line of `sys/devices/system/node/node<N>/meminfo`.
public struct NodeMemorySensor: Sendable {
    private let files: [(node: OSIndex, file: SensorFile)]

    /// Opens the `meminfo` of every node of `topology` that has memory; the
    /// problem names the first node whose file is missing.
    public static func discover(root: String, topology: MachineTopology) -> Result<Self, SensorProblem> {
        let folder = (root.hasSuffix("/") ? root : root + "/") + "sys/devices/system/node"
        var files: [(OSIndex, SensorFile)] = []
        for node in topology.numaNodes where (node.memoryBytes ?? 0) > 0 {
            let path = "\(folder)/node\(node.osIndex.rawValue)/meminfo"
            guard let file = SensorFile(path: path) else {
                return .failure(SensorProblem(path: path, message: "is missing: free memory per node is unknown"))
            }
            files.append((node.osIndex, file))
        }
        guard !files.isEmpty else {
            return .failure(SensorProblem(path: folder, message: "no NUMA node with memory to read"))
        }
        return .success(Self(files: files))
    }

    /// Every node's free memory now, MiB; a file that cannot be read or parsed
    /// leaves its node out and says why.
    public func read() -> SensorReadings<OSIndex> {
        var readings = SensorReadings<OSIndex>()
        for (node, file) in files {
            switch file.read().flatMap({ Self.memFreeKiB(in: $0, path: file.path) }) {
            case .success(let kibibytes): readings.values[node] = Double(kibibytes) / 1024
            case .failure(let problem): readings.problems.append(problem)
            }
        }
        return readings
    }

    /// The `MemFree` of a node's meminfo (`Node 0 MemFree:   123456 kB`).
    private static func memFreeKiB(in text: String, path: String) -> Result<Int, SensorProblem> {
        guard let line = text.split(separator: "\n").first(where: { $0.contains("MemFree:") }) else {
            return .failure(SensorProblem(path: path, message: "has no MemFree line"))
        }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let index = fields.firstIndex(of: "MemFree:"), index + 1 < fields.count,
            let kibibytes = Int(fields[index + 1]), kibibytes >= 0
        else {
            return .failure(SensorProblem(path: path, message: "\"\(line)\" is not a MemFree line in kB"))
        }
        return .success(kibibytes)
    }
}
