extension MachineTopology {
    /// The schema name written at the top of ``json``; bumped on any
    /// incompatible change.
    public static let jsonSchema = "edgesched.topology/v1"

    /// The topology as the `edgesched.topology/v1` document (docs/topology.md):
    /// CPU sets as Linux cpulists, sizes in bytes, kernel numbers as `os_index`.
    public var json: JSONValue {
        .object([
            JSONMember("schema", .string(Self.jsonSchema)),
            JSONMember(
                "pus",
                .object([
                    JSONMember("online", .string(onlineCPUs.linuxList)),
                    JSONMember("allowed", .string(allowedCPUs.linuxList)),
                    JSONMember("count", .int(onlineCPUs.count)),
                ])
            ),
            JSONMember("allowed_numa_nodes", .string(allowedNodes.linuxList)),
            JSONMember("packages", .array(packages.map(packageJSON))),
            JSONMember("numa_nodes", .array(numaNodes.map(nodeJSON))),
            JSONMember("cores", .array(cores.map(coreJSON))),
            JSONMember("caches", .array(caches.map(cacheJSON))),
            JSONMember("distances", distancesJSON),
            JSONMember("devices", .array(devices.map(deviceJSON))),
            JSONMember("warnings", .array(warnings.map(warningJSON))),
        ])
    }

    private func warningJSON(_ warning: TopologyWarning) -> JSONValue {
        .object([
            JSONMember("file", .string(warning.path)),
            JSONMember("content", warning.problem.content.map(JSONValue.string) ?? .null),
            JSONMember("problem", .string(warning.problem.detail)),
            JSONMember("assumed", .string(warning.assumption)),
            JSONMember("message", .string(warning.description)),
        ])
    }

    private func packageJSON(_ package: Package) -> JSONValue {
        .object([
            JSONMember("id", .int(package.logicalIndex.rawValue)),
            JSONMember("os_index", .int(package.osIndex?.rawValue ?? -1)),
            JSONMember("cpus", .string(package.cpus.linuxList)),
            JSONMember(
                "numa_nodes", .array(numaNodes(inPackage: package.logicalIndex).map { .int($0.osIndex.rawValue) })),
            JSONMember("cores", .int(cores(inPackage: package.logicalIndex).count)),
        ])
    }

    private func nodeJSON(_ node: NUMANode) -> JSONValue {
        .object([
            JSONMember("id", .int(node.osIndex.rawValue)),
            JSONMember("cpus", .string(node.cpus.linuxList)),
            JSONMember("memory_bytes", node.memoryBytes.map { .int(Int($0)) } ?? .null),
            JSONMember("distances", distances?.row(of: node.osIndex).map { .array($0.map(JSONValue.int)) } ?? .null),
        ])
    }

    private func coreJSON(_ core: Core) -> JSONValue {
        var members = [
            JSONMember("package", .int(core.package.rawValue)),
            JSONMember("id", .int(core.osIndex?.rawValue ?? -1)),
            JSONMember("cpus", .string(core.cpus.linuxList)),
        ]
        if let die = core.dieID {
            members.append(JSONMember("die", .int(die.rawValue)))
        }
        if let cluster = core.clusterID {
            members.append(JSONMember("cluster", .int(cluster.rawValue)))
        }
        return .object(members)
    }

    private func cacheJSON(_ cache: Cache) -> JSONValue {
        .object([
            JSONMember("level", .int(cache.level)),
            JSONMember("type", .string(cache.type.rawValue)),
            JSONMember("size_bytes", cache.sizeBytes.map { .int(Int($0)) } ?? .null),
            JSONMember("cpus", .string(cache.cpus.linuxList)),
        ])
    }

    private var distancesJSON: JSONValue {
        guard let distances else { return .null }
        return .object([
            JSONMember("nodes", .array(distances.nodes.map { .int($0.rawValue) })),
            JSONMember(
                "matrix",
                .array(distances.nodes.map { node in .array((distances.row(of: node) ?? []).map(JSONValue.int)) })),
        ])
    }

    private func deviceJSON(_ device: PCIDevice) -> JSONValue {
        .object([
            JSONMember("address", .string(device.address)),
            JSONMember("kind", .string(device.kind.rawValue)),
            JSONMember("class", .string(Self.hex(UInt64(device.classCode), digits: 6))),
            JSONMember("vendor", device.vendorID.map { .string(Self.hex(UInt64($0), digits: 4)) } ?? .null),
            JSONMember("device", device.deviceID.map { .string(Self.hex(UInt64($0), digits: 4)) } ?? .null),
            JSONMember("numa_node", device.numaNode.map { .int($0.rawValue) } ?? .null),
        ])
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
