/// Draws a ``TopologyTree`` as nested boxes in SVG, colored like `lstopo`:
/// packages grey, NUMA nodes pink, caches white, cores dark grey, PUs white
/// (hatched grey where this process may not run), devices green.
///
/// Layout: a box is its label line above its children, which sit in a grid of
/// `n` columns for up to four children and about √n columns past that, so
/// that large machines stay roughly square.
struct TopologyPicture {
    private static let padding = 6
    private static let gap = 6
    private static let lineHeight = 18
    private static let characterWidth = 8
    private static let puWidth = 58
    private static let puHeight = 22

    private struct Box {
        var label: String
        var fill: String
        var dashed = false
        var width: Int
        var height: Int
        var children: [(x: Int, y: Int, box: Box)] = []
    }

    private let topology: MachineTopology

    init(_ topology: MachineTopology) {
        self.topology = topology
    }

    var svg: String {
        let tree = TopologyTree(topology)
        let machine = layout(
            label: "Machine (\(formatBytes(topology.totalMemoryBytes)) total, \(topology.onlineCPUs.count) PUs)",
            fill: "#ffffff",
            children: tree.root.children.map(box)
        )
        let legend = legendLines
        let width = max(machine.width, (legend.map(\.count).max() ?? 0) * Self.characterWidth) + 2 * Self.padding
        let height = machine.height + legend.count * Self.lineHeight + 3 * Self.padding
        var output = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="DejaVu Sans Mono, monospace" font-size="12">
            <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2"/></pattern></defs>
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        draw(machine, x: Self.padding, y: Self.padding, into: &output)
        var lineY = Self.padding * 2 + machine.height + Self.lineHeight - 5
        for line in legend {
            output += "<text x=\"\(Self.padding)\" y=\"\(lineY)\" xml:space=\"preserve\">\(Self.escaped(line))</text>\n"
            lineY += Self.lineHeight
        }
        output += "</svg>\n"
        return output
    }

    private func box(_ element: TopologyTree.Element) -> Box {
        switch element.object {
        case .machine:
            return layout(label: "Machine", fill: "#ffffff", children: element.children.map(box))
        case .package(let package):
            let label = "Package \(package.logicalIndex)\(package.osIndex.map { " \($0)" } ?? "")"
            return layout(label: label, fill: "#dedede", children: element.children.map(box))
        case .numaNode(let node):
            let memory = node.memoryBytes.map(formatBytes) ?? "memory unknown"
            let label = "NUMANode \(node.osIndex) (\(memory)\(node.isMemoryOnly ? ", memory only" : ""))"
            return layout(label: label, fill: "#efdfde", children: element.children.map(box))
        case .cache(let cache):
            let label = "\(cache.name)\(cache.sizeBytes.map { " (\(formatBytes($0)))" } ?? "")"
            return layout(label: label, fill: "#ffffff", children: element.children.map(box))
        case .core(let core):
            let pus = core.cpus.map { cpu in
                let label = "PU P#\(cpu)"
                return Box(
                    label: label,
                    fill: topology.allowedCPUs.contains(cpu) ? "#ffffff" : "url(#hatch)",
                    dashed: !topology.allowedCPUs.contains(cpu),
                    width: max(Self.puWidth, label.count * Self.characterWidth + 2 * Self.padding),
                    height: Self.puHeight
                )
            }
            let label = "Core \(core.logicalIndex)\(core.osIndex.map { " \($0)" } ?? "")"
            return layout(label: label, fill: "#bebebe", children: pus)
        case .device(let device):
            let label = "\(device.kind.displayName) \(device.address)"
            return Box(
                label: label, fill: "#def1de", width: label.count * Self.characterWidth + 2 * Self.padding,
                height: Self.puHeight)
        }
    }

    private func layout(label: String, fill: String, children: [Box]) -> Box {
        var result = Box(
            label: label, fill: fill, width: label.count * Self.characterWidth + 2 * Self.padding,
            height: Self.lineHeight + Self.padding)
        guard !children.isEmpty else { return result }
        let columns = children.count <= 4 ? children.count : Int(Double(children.count).squareRoot().rounded(.up))
        var y = Self.lineHeight + Self.padding
        var maxRowWidth = 0
        for rowStart in stride(from: 0, to: children.count, by: columns) {
            let row = children[rowStart..<min(rowStart + columns, children.count)]
            var x = Self.padding
            for child in row {
                result.children.append((x, y, child))
                x += child.width + Self.gap
            }
            maxRowWidth = max(maxRowWidth, x - Self.gap + Self.padding)
            y += (row.map(\.height).max() ?? 0) + Self.gap
        }
        result.width = max(result.width, maxRowWidth)
        result.height = y - Self.gap + Self.padding
        return result
    }

    private func draw(_ box: Box, x: Int, y: Int, into output: inout String) {
        let dash = box.dashed ? " stroke-dasharray=\"4 2\"" : ""
        output +=
            "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(box.width)\" height=\"\(box.height)\" fill=\"\(box.fill)\" stroke=\"#000000\"\(dash)/>\n"
        output += "<text x=\"\(x + Self.padding)\" y=\"\(y + Self.lineHeight - 3)\">\(Self.escaped(box.label))</text>\n"
        for child in box.children {
            draw(child.box, x: x + child.x, y: y + child.y, into: &output)
        }
    }

    /// The distance matrix and the allowed sets, written under the picture.
    private var legendLines: [String] {
        var lines: [String] = []
        if topology.allowedCPUs != topology.onlineCPUs {
            lines.append("Allowed PUs: \(topology.allowedCPUs) (hatched PUs are not allowed)")
        }
        guard let distances = topology.distances else { return lines }
        lines.append("NUMA distances (rows: from node, columns: to node):")
        lines += distances.tableLines(corner: "")
        return lines
    }

    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension PCIDevice.Kind {
    /// How pictures and text name the kind: `GPU`, `NIC`, `Accelerator`.
    var displayName: String {
        switch self {
        case .gpu: "GPU"
        case .network: "NIC"
        case .accelerator: "Accelerator"
        }
    }
}
