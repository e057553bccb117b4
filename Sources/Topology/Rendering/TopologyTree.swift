/// The topology as nested objects for drawing: each object sits under the
/// smallest object whose PUs contain its own.
///
/// Steps: collect packages, NUMA nodes with CPUs, L3 caches and cores; sort by
/// PU count (largest first), ties by level (package, node, L3, core) and then
/// by first PU; insert each below the deepest object already placed whose PUs
/// contain it. A node spanning several packages thus sits above them, and one
/// of several nodes in a package below it, as on the machine. Memory-only nodes
/// and devices without a node hang off the machine; devices with one, off it.
struct TopologyTree {
    enum Object {
        case machine
        case package(Package)
        case numaNode(NUMANode)
        case cache(Cache)
        case core(Core)
        case device(PCIDevice)

        /// The order of levels when PU sets are equal.
        var rank: Int {
            switch self {
            case .machine: 0
            case .package: 1
            case .numaNode: 2
            case .cache: 3
            case .core: 4
            case .device: 5
            }
        }
    }

    struct Element {
        var object: Object
        var cpus: CPUSet
        var children: [Element] = []
    }

    let root: Element

    init(_ topology: MachineTopology) {
        var placed: [(object: Object, cpus: CPUSet)] = []
        placed += topology.packages.map { (.package($0), $0.cpus) }
        placed += topology.numaNodes.filter { !$0.isMemoryOnly }.map { (.numaNode($0), $0.cpus) }
        placed += topology.caches.filter { $0.level == 3 }.map { (.cache($0), $0.cpus) }
        placed += topology.cores.map { (.core($0), $0.cpus) }
        placed.sort { lhs, rhs in
            let left = (-lhs.cpus.count, lhs.object.rank)
            let right = (-rhs.cpus.count, rhs.object.rank)
            return left != right ? left < right : lhs.cpus < rhs.cpus
        }
        var machine = Element(object: .machine, cpus: topology.onlineCPUs)
        for item in placed {
            Self.insert(Element(object: item.object, cpus: item.cpus), into: &machine)
        }
        for node in topology.numaNodes {
            let devices = topology.devices.filter { $0.numaNode == node.osIndex }.map {
                Element(object: .device($0), cpus: CPUSet())
            }
            if node.isMemoryOnly {
                machine.children.append(Element(object: .numaNode(node), cpus: CPUSet(), children: devices))
            } else if !devices.isEmpty {
                Self.attach(devices, toNode: node.osIndex, in: &machine)
            }
        }
        let nodeNumbers = Set(topology.numaNodes.map(\.osIndex))
        machine.children += topology.devices
            .filter { $0.numaNode.map { !nodeNumbers.contains($0) } ?? true }
            .map { Element(object: .device($0), cpus: CPUSet()) }
        root = machine
    }

    private static func insert(_ element: Element, into parent: inout Element) {
        if let index = parent.children.firstIndex(where: { $0.object.rank < 5 && element.cpus.isSubset(of: $0.cpus) }) {
            insert(element, into: &parent.children[index])
        } else {
            parent.children.append(element)
        }
    }

    @discardableResult
    private static func attach(_ devices: [Element], toNode node: OSIndex, in parent: inout Element) -> Bool {
        if case .numaNode(let candidate) = parent.object, candidate.osIndex == node {
            parent.children += devices
            return true
        }
        for index in parent.children.indices where attach(devices, toNode: node, in: &parent.children[index]) {
            return true
        }
        return false
    }
}

/// Sizes the way people read them: `512 MiB`, `1.25 MiB`, `64 GiB`.
func formatBytes(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    var unitIndex = 0
    var divisor: UInt64 = 1
    while unitIndex + 1 < units.count, bytes >= divisor * 1024 {
        divisor *= 1024
        unitIndex += 1
    }
    let hundredths = (bytes * 100 + divisor / 2) / divisor
    var text = String(hundredths / 100)
    let fraction = hundredths % 100
    if fraction != 0 {
        text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
    }
    return text + " " + units[unitIndex]
}
