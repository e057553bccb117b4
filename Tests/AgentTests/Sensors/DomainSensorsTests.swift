import Agent
import Foundation
import Placement
import TestFixtures
import Testing
import Topology

/// Sensors read from sysfs trees laid out as the kernel lays them out.
@Suite struct DomainSensorsTests {
    /// Two packages (P#0 with nodes 0-1, P#1 with nodes 2-3).
    static let twoPackages = FixtureTrees.project("16x86-2pa2n2c2t-interleaved")

    /// A temporary root holding `files` (path → content) and `links` (path → target).
    final class SensorTree {
        let root: String

        init(files: [String: String], links: [String: String] = [:]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("edgesched-sensors-\(UUID())").path
            for (path, content) in files {
                let full = "\(root)/\(path)"
                try FileManager.default.createDirectory(
                    atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try content.write(toFile: full, atomically: false, encoding: .utf8)
            }
            for (path, target) in links {
                try FileManager.default.createSymbolicLink(atPath: "\(root)/\(path)", withDestinationPath: target)
            }
        }

        deinit {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    static func meminfo(node: Int, freeKiB: Int) -> (String, String) {
        (
            "sys/devices/system/node/node\(node)/meminfo",
            "Node \(node) MemTotal:       16777216 kB\nNode \(node) MemFree:        \(freeKiB) kB\nNode \(node) MemUsed: 1 kB\n"
        )
    }

    static let memory = Dictionary(uniqueKeysWithValues: (0..<4).map { meminfo(node: $0, freeKiB: ($0 + 1) * 1024) })

    func sensors(_ tree: SensorTree) throws -> DomainSensors {
        let topology = try MachineTopology.read(fromRoot: Self.twoPackages)
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .none))
        return DomainSensors(root: tree.root, topology: topology, plan: plan)
    }

    @Test func coretempGivesEachPackageItsOwnTemperatureAndNodesAddUpPerDomain() throws {
        let tree = try SensorTree(
            files: Self.memory.merging([
                "sys/class/hwmon/hwmon0/name": "acpitz\n",
                "sys/class/hwmon/hwmon0/temp1_input": "99000\n",
                "sys/class/hwmon/hwmon1/name": "coretemp\n",
                "sys/class/hwmon/hwmon1/temp1_label": "Package id 1\n",
                "sys/class/hwmon/hwmon1/temp1_input": "71500\n",
                "sys/class/hwmon/hwmon1/temp2_label": "Core 0\n",
                "sys/class/hwmon/hwmon1/temp2_input": "90000\n",
                "sys/class/hwmon/hwmon2/name": "coretemp\n",
                "sys/class/hwmon/hwmon2/temp1_label": "Package id 0\n",
                "sys/class/hwmon/hwmon2/temp1_input": "45000\n",
            ]) { $1 })
        let sensors = try sensors(tree)
        #expect(sensors.unavailable.isEmpty)
        #expect(sensors.temperatureSource == "hwmon coretemp")
        let poll = sensors.read()
        #expect(poll.problems.isEmpty)
        #expect(
            poll.readings == [
                DomainReading(domain: 0, celsius: 45, freeMebibytes: 1 + 2),
                DomainReading(domain: 1, celsius: 71.5, freeMebibytes: 3 + 4),
            ])
    }

    @Test func k10tempInstancesFollowTheirPCIDevicesAndPreferTdie() throws {
        let tree = try SensorTree(
            files: Self.memory.merging([
                "devices/pci0000:00/0000:00:19.3/hwmon/hwmon1/name": "k10temp\n",
                "devices/pci0000:00/0000:00:19.3/hwmon/hwmon1/temp1_label": "Tctl\n",
                "devices/pci0000:00/0000:00:19.3/hwmon/hwmon1/temp1_input": "80000\n",
                "devices/pci0000:00/0000:00:19.3/hwmon/hwmon1/temp2_label": "Tdie\n",
                "devices/pci0000:00/0000:00:19.3/hwmon/hwmon1/temp2_input": "60000\n",
                "devices/pci0000:00/0000:00:18.3/hwmon/hwmon2/name": "k10temp\n",
                "devices/pci0000:00/0000:00:18.3/hwmon/hwmon2/temp1_label": "Tctl\n",
                "devices/pci0000:00/0000:00:18.3/hwmon/hwmon2/temp1_input": "50000\n",
            ]) { $1 },
            links: [
                "devices/pci0000:00/0000:00:19.3/hwmon/hwmon1/device": "../../../0000:00:19.3",
                "devices/pci0000:00/0000:00:18.3/hwmon/hwmon2/device": "../../../0000:00:18.3",
            ])
        try FileManager.default.createDirectory(
            atPath: "\(tree.root)/sys/class/hwmon", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: "\(tree.root)/sys/class/hwmon/hwmon1",
            withDestinationPath: "\(tree.root)/devices/pci0000:00/0000:00:19.3/hwmon/hwmon1")
        try FileManager.default.createSymbolicLink(
            atPath: "\(tree.root)/sys/class/hwmon/hwmon2",
            withDestinationPath: "\(tree.root)/devices/pci0000:00/0000:00:18.3/hwmon/hwmon2")
        let sensors = try sensors(tree)
        #expect(sensors.temperatureSource == "hwmon k10temp")
        #expect(
            sensors.read().readings.map(\.celsius) == [50, 60], "18.3 is package 0 (Tctl only), 19.3 package 1 (Tdie)")
    }

    @Test func packageThermalZonesServeWhenThereIsNoHwmon() throws {
        let tree = try SensorTree(
            files: Self.memory.merging([
                "sys/class/thermal/thermal_zone0/type": "acpitz\n",
                "sys/class/thermal/thermal_zone0/temp": "20000\n",
                "sys/class/thermal/thermal_zone1/type": "x86_pkg_temp\n",
                "sys/class/thermal/thermal_zone1/temp": "61000\n",
                "sys/class/thermal/thermal_zone2/type": "x86_pkg_temp\n",
                "sys/class/thermal/thermal_zone2/temp": "62000\n",
            ]) { $1 })
        let sensors = try sensors(tree)
        #expect(sensors.temperatureSource == "thermal x86_pkg_temp")
        #expect(sensors.read().readings.map(\.celsius) == [61, 62])
    }

    @Test func aMachineWithoutSensorsTurnsTheirSignalsOffAndSaysWhy() throws {
        let tree = try SensorTree(files: ["sys/class/thermal/thermal_zone0/type": "acpitz\n"])
        let sensors = try sensors(tree)
        #expect(sensors.temperatureSource == nil)
        #expect(sensors.unavailable.count == 2)
        #expect(
            sensors.unavailable[0].description.contains("no coretemp or k10temp sensor for each of the 2 package(s)"))
        #expect(
            sensors.unavailable[1].description.hasSuffix("node0/meminfo: is missing: free memory per node is unknown"))
        #expect(sensors.read().readings == [DomainReading(domain: 0), DomainReading(domain: 1)])
    }

    @Test func aGarbledValueLeavesItsObjectOutAndNamesTheFileAndContent() throws {
        var files = Self.memory
        files["sys/class/hwmon/hwmon0/name"] = "coretemp\n"
        files["sys/class/hwmon/hwmon0/temp1_label"] = "Package id 0\n"
        files["sys/class/hwmon/hwmon0/temp1_input"] = "hot\n"
        files["sys/class/hwmon/hwmon0/temp2_label"] = "Package id 1\n"
        files["sys/class/hwmon/hwmon0/temp2_input"] = "55000\n"
        files["sys/devices/system/node/node3/meminfo"] = "Node 3 MemFree: lots kB\n"
        let tree = try SensorTree(files: files)
        let poll = try sensors(tree).read()
        #expect(poll.readings[0].celsius == nil)
        #expect(poll.readings[1].celsius == 55)
        #expect(poll.readings[1].freeMebibytes == nil, "node 3 of domain 1 is unknown, so the sum is")
        #expect(
            poll.problems.map(\.description) == [
                "\(tree.root)/sys/class/hwmon/hwmon0/temp1_input: \"hot\" is not a whole number",
                "\(tree.root)/sys/devices/system/node/node3/meminfo: \"Node 3 MemFree: lots kB\" is not a MemFree line in kB",
            ])
    }

    /// What a removed sysfs attribute does to the descriptor the agent holds
    /// (reads fail `ENODEV`), here with a folder where a value should be.
    @Test func aFileThatCannotBeReadLeavesItsObjectOutAndSaysWhy() throws {
        var files = Self.memory
        files["sys/class/thermal/thermal_zone0/type"] = "x86_pkg_temp\n"
        files["sys/class/thermal/thermal_zone1/type"] = "x86_pkg_temp\n"
        files["sys/class/thermal/thermal_zone1/temp"] = "41000\n"
        let tree = try SensorTree(files: files)
        try FileManager.default.createDirectory(
            atPath: "\(tree.root)/sys/class/thermal/thermal_zone0/temp", withIntermediateDirectories: true)
        let poll = try sensors(tree).read()
        #expect(poll.readings.map(\.celsius) == [nil, 41])
        #expect(
            poll.problems.map(\.description) == [
                "\(tree.root)/sys/class/thermal/thermal_zone0/temp: cannot be read (Is a directory)"
            ])
    }

    @Test func aSensorIsReadAgainOnEveryPoll() throws {
        let tree = try SensorTree(
            files: Self.memory.merging([
                "sys/class/thermal/thermal_zone0/type": "x86_pkg_temp\n",
                "sys/class/thermal/thermal_zone0/temp": "40000\n",
                "sys/class/thermal/thermal_zone1/type": "x86_pkg_temp\n",
                "sys/class/thermal/thermal_zone1/temp": "41000\n",
            ]) { $1 })
        let sensors = try sensors(tree)
        #expect(sensors.read().readings[0].celsius == 40)
        let handle = try #require(FileHandle(forWritingAtPath: "\(tree.root)/sys/class/thermal/thermal_zone0/temp"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("88000\n".utf8))
        try handle.close()
        #expect(sensors.read().readings[0].celsius == 88)
    }

    @Test func theLiveMachineReadsWithoutFailing() throws {
        let topology = try MachineTopology.read(fromRoot: "/")
        let plan = try ExecutionPlan.make(for: topology, policy: PlacementPolicy(reserve: .none))
        let sensors = DomainSensors(root: "/", topology: topology, plan: plan)
        let poll = sensors.read()
        #expect(poll.readings.count == plan.domains.count)
        #expect(poll.problems.isEmpty, "\(poll.problems)")
    }
}
