import Foundation
import FoundationXML
import TestFixtures
import Testing
import Topology

@Suite struct TopologyRenderingTests {
    static let interleaved = FixtureTrees.projectFolder + "/16x86-2pa2n2c2t-interleaved"
    static let memoryTiers = FixtureTrees.projectFolder + "/8x86-1pa4c2t-hbm-cxl-devices"

    @Test func jsonHasTheSchemaKeysWithCPUListsAsStrings() throws {
        let topology = try MachineTopology.read(fromRoot: Self.memoryTiers)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(topology.json.serialized().utf8)) as? [String: Any]
        )
        #expect(document["schema"] as? String == "edgesched.topology/v1")
        let pus = try #require(document["pus"] as? [String: Any])
        #expect(pus["online"] as? String == "0-7")
        #expect(pus["allowed"] as? String == "0-3")
        #expect(pus["count"] as? Int == 8)
        let packages = try #require(document["packages"] as? [[String: Any]])
        #expect(packages.first?["cpus"] as? String == "0-7")
        #expect(packages.first?["numa_nodes"] as? [Int] == [0])
        #expect(packages.first?["cores"] as? Int == 4)
        let nodes = try #require(document["numa_nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["cpus"] as? String } == ["0-7", "", ""], "memory-only nodes have no CPUs")
        #expect(nodes.first?["memory_bytes"] as? Int == 32 << 30)
        #expect(nodes.first?["distances"] as? [Int] == [10, 13, 25])
        let cores = try #require(document["cores"] as? [[String: Any]])
        #expect(cores.first?["cpus"] as? String == "0,4")
        let caches = try #require(document["caches"] as? [[String: Any]])
        #expect(
            caches.contains {
                $0["level"] as? Int == 3 && $0["size_bytes"] as? Int == 24 << 20 && $0["type"] as? String == "unified"
            })
        let devices = try #require(document["devices"] as? [[String: Any]])
        #expect(
            devices.map { $0["address"] as? String } == ["0000:17:00.0", "0000:3b:00.0", "0000:5e:00.0"],
            "the bridge is left out")
        #expect(devices[1]["class"] as? String == "0x030200")
        #expect(devices[1]["vendor"] as? String == "0x10de")
        #expect(devices[1]["numa_node"] as? Int == 0)
        #expect(devices[0]["numa_node"] is NSNull)
    }

    @Test func textNestsPackagesNodesCachesAndCores() throws {
        let text = try MachineTopology.read(fromRoot: Self.interleaved).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "Machine (64 GiB total): 2 packages, 4 NUMA nodes, 8 cores, 16 PUs online (0-15)")
        #expect(lines.contains("  Package L#0 P#0: PUs 0,2,4,6,8,10,12,14"))
        #expect(lines.contains("    NUMANode P#0 (16 GiB): PUs 0,4,8,12"))
        #expect(lines.contains("      L3 (30 MiB): PUs 0,4,8,12"))
        #expect(lines.contains("        Core L#0 P#0: PUs 0,8"))
        #expect(lines.contains("NUMA distances:"))
        #expect(lines.contains("  node   0   1   2   3"))
        #expect(lines.contains("     0  10  11  21  21"))
    }

    @Test func textShowsMemoryOnlyNodesDevicesAndDisallowedPUs() throws {
        let text = try MachineTopology.read(fromRoot: Self.memoryTiers).text
        #expect(
            text.hasPrefix(
                "Machine (112 GiB total): 1 package, 3 NUMA nodes, 4 cores, 8 PUs online (0-7), 4 allowed (0-3)\n"))
        #expect(text.contains("  NUMANode P#1 (16 GiB, memory only)\n"))
        #expect(text.contains("GPU 0000:3b:00.0 (class 0x030200, vendor 0x10de, device 0x20b5)"))
        #expect(text.contains("Core L#0 P#0: PUs 0,4 (not allowed: 4)"))
    }

    @Test("SVG is well-formed XML with a box per PU", arguments: FixtureTrees.project)
    func svgIsWellFormedWithABoxPerPU(tree: String) throws {
        let topology = try MachineTopology.read(fromRoot: tree)
        let svg = topology.svg
        let counter = SVGCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.texts.filter { $0.hasPrefix("PU P#") }.count == topology.onlineCPUs.count)
        #expect(counter.texts.filter { $0.hasPrefix("Core ") }.count == topology.cores.count)
        #expect(counter.texts.filter { $0.hasPrefix("Package ") }.count == topology.packages.count)
    }

    @Test func jsonEscapesStrings() {
        let value = JSONValue.object([JSONMember("a\"b", .string("line\nbreak\\ \u{1}"))])
        #expect(value.serialized() == "{\n  \"a\\\"b\": \"line\\nbreak\\\\ \\u0001\"\n}\n")
    }
}

/// Collects the text of every `<text>` element of an SVG.
private final class SVGCounter: NSObject, XMLParserDelegate {
    var texts: [String] = []
    private var current: String?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "text" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let current {
            texts.append(current)
            self.current = nil
        }
    }
}
