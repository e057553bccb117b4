import Foundation
import TestFixtures
import Testing
import Topology

/// The real agent's thermal and memory signals, driven through the sensor
/// files of its topology root: a copy of this project's build machine's
/// capture with a k10temp sensor added, so that its workers pin on the live
/// machine's CPUs while the test owns every file the sensors read.
@Suite(.serialized) struct AgentSignalsTests {
    static let capture = FixtureTrees.project("2amd64-1pa2c-kvm")
    /// The hold of both signals, short so that the test sees many of them.
    static let holdMilliseconds = 300

    /// Whether this machine lets the test pin to every CPU the capture plans workers on.
    static let liveMachineHasTheCapturesCPUs: Bool = {
        func allowed(_ status: String) -> CPUSet? {
            let text = (try? String(contentsOfFile: status, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
                .flatMap {
                    try? CPUSet(
                        linuxList: $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces))
                }
        }
        guard let planned = allowed(capture + "/proc/self/status"), let live = allowed("/proc/self/status") else {
            return false
        }
        return planned.isSubset(of: live)
    }()

    @Test(.enabled(if: liveMachineHasTheCapturesCPUs, "the capture's CPUs 0-1 are not all allowed here"))
    func eachSignalStepsDownOneRungHoldsAndStepsBackAtMostOncePerHold() throws {
        try drive("ladder") { machine, log in
            #expect(log.contains("sensors: package temperatures from hwmon k10temp"), "\(log)")
            #expect(log.contains("downgrade: domain 0 thermal level 0 -> 1"), "\(log)")
            #expect(log.contains("downgrade: domain 0 memory level 1 -> 2"), "\(log)")
            #expect(!log.contains("sensors: \(machine.root)"), "no sensor file failed: \(log)")
        }
    }

    @Test(.enabled(if: liveMachineHasTheCapturesCPUs, "the capture's CPUs 0-1 are not all allowed here"))
    func aGarbledOrEmptySensorFileIsLoggedOnceAndLeavesTheLevelAsItWas() throws {
        try drive("garbled") { machine, log in
            let warnings = log.split(separator: "\n").filter { $0.contains("sensors: \(machine.root)") }
            #expect(warnings.count == 2, "one line per file, however long it stays bad: \(warnings)")
            #expect(warnings.contains { $0.contains("\(machine.temperature): \"hot!!\" is not a whole number") })
            #expect(warnings.contains { $0.contains("\(machine.meminfo): \"Node 0 MemFree:") })
        }
    }

    /// Starts the agent on a fresh ``SensorMachine``, runs
    /// Tests/Clients/sensor_signals.py in `mode` against it, stops it, and
    /// hands the agent's log to `check`; prints the changes the client saw.
    private func drive(_ mode: String, check: (SensorMachine, _ log: String) -> Void) throws {
        let machine = try SensorMachine(named: "signals-\(mode)")
        defer { machine.remove() }
        let agent = try AgentProcess(["--config", machine.configuration])
        let address = try #require(agent.waitUntilServing(), "the agent did not start: \(agent.output)")
        let client = try Python.run([
            FixtureTrees.packageRoot + "/Tests/Clients/sensor_signals.py", mode, address.http, address.metrics,
            machine.temperature, machine.meminfo, "\(Double(Self.holdMilliseconds) / 1000)",
        ])
        #expect(client.status == 0, "\(client.output)\(client.error)\n--- agent log:\n\(agent.output)")
        #expect(agent.terminate() == 0, "\(agent.output)")
        check(machine, agent.output)
        print(client.output)
    }

    /// The capture's tree with a k10temp sensor at 50 °C, a models folder
    /// holding a three-rung synthetic model, and a configuration that polls
    /// the sensors every 20 ms with a 300 ms hold on both signals.
    struct SensorMachine {
        let tree: BuiltTree
        let models: URL
        let configuration: String
        var root: String { tree.root }
        var temperature: String { root + "/sys/class/hwmon/hwmon0/temp1_input" }
        var meminfo: String { root + "/sys/devices/system/node/node0/meminfo" }

        init(named name: String) throws {
            tree = try BuiltTree(copying: AgentSignalsTests.capture)
            try tree.write("sys/class/hwmon/hwmon0/name", "k10temp\n")
            try tree.write("sys/class/hwmon/hwmon0/temp1_label", "Tctl\n")
            try tree.write("sys/class/hwmon/hwmon0/temp1_input", "50000\n")
            models = try TemporaryFiles.folder(named: name)
            try Self.ladderModel.write(
                to: models.appendingPathComponent("signals-ladder.yaml"), atomically: true, encoding: .utf8)
            configuration = try TemporaryFiles.configuration(
                named: name,
                """
                topology_root: \(tree.root)
                models: {folder: \(models.path)}
                downgrade:
                  thermal: {high: 85, low: 75, hold: \(AgentSignalsTests.holdMilliseconds)ms}
                  memory: {high: 512, low: 256, hold: \(AgentSignalsTests.holdMilliseconds)ms}
                sensors: {interval: 20ms}
                """)
        }

        func remove() {
            tree.remove()
            try? FileManager.default.removeItem(at: models)
            try? FileManager.default.removeItem(atPath: configuration)
        }

        static let ladderModel = SyntheticManifest.yaml(
            name: "signals-ladder", description: "three rungs, for the downgrade signals' test",
            variants: [("full", 2), ("half", 1), ("lite", 0.5)])
    }
}
