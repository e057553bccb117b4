import CHwloc
import Foundation
import Topology

/// The topology reader in process, beside hwloc's own `hwloc_topology_load`
/// on the same sysfs tree in the same run: each iteration reads the whole
/// tree once with each (edgesched's `MachineTopology.read(fromRoot:)`;
/// hwloc's init + load + destroy with `HWLOC_COMPONENTS=linux,stop` and
/// `HWLOC_FSROOT` set to the tree), alternating so that both see the same
/// machine state, after warm-up rounds of both. Prints the medians, the 10th
/// and 90th percentiles and the ratio (goal: edgesched at most 0.2× hwloc),
/// of wall time and of the thread's CPU time (user + system): on a machine
/// shared with other work, CPU time is the steadier of the two.
///
/// Usage: swift run -c release TopologyReadBenchmark [TREE] [ITERATIONS]
///   TREE defaults to the largest tree (by file count) in ../shared/topology-fixtures.
@main
enum TopologyReadBenchmark {
    static let goal = 0.2

    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let tree = arguments.first ?? largestSharedTree() else {
            throw BenchmarkFailure("no tree given and none found in \(sharedFolder)")
        }
        let iterations = arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000
        // hwloc reads these when a topology is initialised: set them first.
        setenv("HWLOC_COMPONENTS", "linux,stop", 1)
        setenv("HWLOC_FSROOT", tree, 1)

        let topology = try MachineTopology.read(fromRoot: tree)
        let hwlocPUs = chwloc_load_count_pus()
        guard hwlocPUs == topology.onlineCPUs.count else {
            throw BenchmarkFailure(
                "hwloc found \(hwlocPUs) PUs in \(tree), edgesched \(topology.onlineCPUs.count): not the same tree")
        }
        var ours = Samples()
        var theirs = Samples()
        for round in 0..<(iterations + iterations / 10) {
            let ourTime = try Samples.time { _ = try MachineTopology.read(fromRoot: tree) }
            let theirTime = Samples.time { _ = chwloc_load_count_pus() }
            if round >= iterations / 10 {
                ours.append(ourTime)
                theirs.append(theirTime)
            }
        }
        print(
            "tree: \(tree) (\(hwlocPUs) PUs), \(iterations) iterations each, alternating, after \(iterations / 10) warm-up"
        )
        report("wall time", ours.wall, theirs.wall)
        report("CPU time (user + system)", ours.cpu, theirs.cpu)
    }

    static func report(_ measure: String, _ ours: [UInt64], _ theirs: [UInt64]) {
        print(measure.padding(toLength: 42, withPad: " ", startingAt: 0) + "median µs    p10 µs    p90 µs")
        row("  edgesched MachineTopology.read", ours)
        row("  hwloc hwloc_topology_load (linux,stop)", theirs)
        let ratio = percentile(ours, 0.5) / percentile(theirs, 0.5)
        print("  ratio edgesched/hwloc (medians)         \(format(ratio, 3))   (goal: at most \(format(goal, 3)))")
    }

    static func row(_ name: String, _ samples: [UInt64]) {
        let cells = [0.5, 0.1, 0.9].map { format(percentile(samples, $0) / 1_000, 1).leftPadded(to: 9) }
        print(name.padding(toLength: 42, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
    }

    static func percentile(_ samples: [UInt64], _ fraction: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))])
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    static let sharedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/topology-fixtures").path

    /// The tree of `../shared/topology-fixtures` with the most files.
    static func largestSharedTree() -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sharedFolder)) ?? []
        let trees = names.map { "\(sharedFolder)/\($0)" }.filter {
            FileManager.default.fileExists(atPath: "\($0)/sys/devices/system/cpu")
        }
        return trees.max { fileCount($0) < fileCount($1) }
    }

    static func fileCount(_ folder: String) -> Int {
        FileManager.default.enumerator(atPath: folder)?.allObjects.count ?? 0
    }
}

/// Nanoseconds of wall time and of the thread's CPU time, one per iteration.
struct Samples {
    var wall: [UInt64] = []
    var cpu: [UInt64] = []

    mutating func append(_ sample: (wall: UInt64, cpu: UInt64)) {
        wall.append(sample.wall)
        cpu.append(sample.cpu)
    }

    /// The wall (monotonic clock) and CPU time `body` takes.
    static func time(_ body: () throws -> Void) rethrows -> (wall: UInt64, cpu: UInt64) {
        let wallStart = now(CLOCK_MONOTONIC)
        let cpuStart = now(CLOCK_THREAD_CPUTIME_ID)
        try body()
        return (now(CLOCK_MONOTONIC) - wallStart, now(CLOCK_THREAD_CPUTIME_ID) - cpuStart)
    }

    static func now(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// Why the benchmark could not run.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
