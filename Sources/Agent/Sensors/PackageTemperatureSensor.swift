import Foundation
public import Topology

/// Package temperatures in °C, from the first source the machine has:
/// hwmon `coretemp` (Intel: a `Package id N` label per package), hwmon
/// `k10temp` (AMD: one instance per package, `Tdie` or else `Tctl`, in the
/// order of their PCI devices), or thermal zones of type `x86_pkg_temp` (one
/// per package, in zone order); on a one-package machine, a `cpu`/`soc`
/// thermal zone (ARM boards).
public struct PackageTemperatureSensor: Sendable {
    /// Which source was found, for the agent's start-up log line.
    public let source: String
    private let files: [(package: LogicalIndex, file: SensorFile)]

    /// Looks under `root` for a source that covers every package of
    /// `topology`; the problem says what was looked for when none does.
    public static func discover(root: String, topology: MachineTopology) -> Result<Self, SensorProblem> {
        let hwmon = SysfsFolder(root: root, path: "sys/class/hwmon")
        let thermal = SysfsFolder(root: root, path: "sys/class/thermal")
        let sources = [coretemp(hwmon, topology), k10temp(hwmon, topology), thermalZones(thermal, topology)]
        for case .some(let sensor) in sources {
            return .success(sensor)
        }
        return .failure(
            SensorProblem(
                path: hwmon.path,
                message: "no coretemp or k10temp sensor for each of the \(topology.packages.count) package(s), "
                    + "and no x86_pkg_temp or cpu thermal zone in \(thermal.path)"))
    }

    /// Every package's temperature now, °C; a file that cannot be read leaves
    /// its package out and says why.
    public func read() -> SensorReadings<LogicalIndex> {
        var readings = SensorReadings<LogicalIndex>()
        for (package, file) in files {
            switch file.integer() {
            case .success(let millidegrees) where (-100_000...300_000).contains(millidegrees):
                readings.values[package] = Double(millidegrees) / 1000
            case .success(let millidegrees):
                readings.problems.append(
                    SensorProblem(path: file.path, message: "\(millidegrees) m°C is not a temperature"))
            case .failure(let problem):
                readings.problems.append(problem)
            }
        }
        return readings
    }

    private init?(source: String, files: [(LogicalIndex, SensorFile)], topology: MachineTopology) {
        guard !files.isEmpty, Set(files.map(\.0)).count == topology.packages.count else { return nil }
        self.source = source
        self.files = files
    }

    /// Intel: `temp<k>_label` is `Package id <physical id>`, `temp<k>_input` its value.
    private static func coretemp(_ hwmon: SysfsFolder, _ topology: MachineTopology) -> Self? {
        var files: [(LogicalIndex, SensorFile)] = []
        for device in hwmon.entries where hwmon.text(device, "name") == "coretemp" {
            for label in hwmon.entries(of: device) where label.hasPrefix("temp") && label.hasSuffix("_label") {
                guard let text = hwmon.text(device, label), text.hasPrefix("Package id "),
                    let id = Int(text.dropFirst("Package id ".count)),
                    let package = topology.packages.first(where: { $0.osIndex?.rawValue == id }),
                    let file = hwmon.file(device, label.replacingOccurrences(of: "_label", with: "_input"))
                else { continue }
                files.append((package.logicalIndex, file))
            }
        }
        return Self(source: "hwmon coretemp", files: files, topology: topology)
    }

    /// AMD: one `k10temp` per package; its `Tdie` (or `Tctl`) input.
    private static func k10temp(_ hwmon: SysfsFolder, _ topology: MachineTopology) -> Self? {
        let devices = hwmon.entries.filter { hwmon.text($0, "name") == "k10temp" }
            .sorted { hwmon.linkTarget($0, "device") < hwmon.linkTarget($1, "device") }
        guard devices.count == topology.packages.count else { return nil }
        var files: [(LogicalIndex, SensorFile)] = []
        for (device, package) in zip(devices, topology.packages) {
            let labels = hwmon.entries(of: device).filter { $0.hasPrefix("temp") && $0.hasSuffix("_label") }
            let chosen =
                labels.first { hwmon.text(device, $0) == "Tdie" } ?? labels.first { hwmon.text(device, $0) == "Tctl" }
            let input = chosen.map { $0.replacingOccurrences(of: "_label", with: "_input") } ?? "temp1_input"
            guard let file = hwmon.file(device, input) else { return nil }
            files.append((package.logicalIndex, file))
        }
        return Self(source: "hwmon k10temp", files: files, topology: topology)
    }

    /// Thermal zones: `x86_pkg_temp` per package, or one CPU zone on a one-package machine.
    private static func thermalZones(_ thermal: SysfsFolder, _ topology: MachineTopology) -> Self? {
        let zones = thermal.entries.filter { $0.hasPrefix("thermal_zone") }
            .sorted { Int($0.dropFirst("thermal_zone".count)) ?? 0 < Int($1.dropFirst("thermal_zone".count)) ?? 0 }
        let packageZones = zones.filter { thermal.text($0, "type") == "x86_pkg_temp" }
        if packageZones.count == topology.packages.count {
            let files = zip(packageZones, topology.packages).compactMap { zone, package in
                thermal.file(zone, "temp").map { (package.logicalIndex, $0) }
            }
            return Self(source: "thermal x86_pkg_temp", files: files, topology: topology)
        }
        guard topology.packages.count == 1, let package = topology.packages.first,
            let zone = zones.first(where: { zone in
                let type = thermal.text(zone, "type") ?? ""
                return type.contains("cpu") || type.contains("soc")
            }),
            let file = thermal.file(zone, "temp")
        else { return nil }
        return Self(
            source: "thermal \(thermal.text(zone, "type") ?? zone)", files: [(package.logicalIndex, file)],
            topology: topology)
    }
}
