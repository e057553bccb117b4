import CLinux
import CNUMA
import Foundation
import Testing
import Topology

/// On this machine the reader agrees with `numactl --hardware`, `lscpu -p`,
/// libnuma and the kernel's affinity for this thread.
@Suite struct LiveMachineTests {
    let topology: MachineTopology

    init() throws {
        topology = try MachineTopology.read()
        topology.checkInvariants()
    }

    @Test(.enabled(if: Tool.exists("numactl"), "numactl is not installed (Debian: numactl)"))
    func agreesWithNumactlHardware() throws {
        let output = try Tool.run("numactl", ["--hardware"])
        var cpusOfNode: [Int: CPUSet] = [:]
        var megabytesOfNode: [Int: UInt64] = [:]
        var distanceRows: [[Int]] = []
        var inDistances = false
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("node distances:") {
                inDistances = true
            } else if inDistances, words.count > 1, words[0].hasSuffix(":") {
                distanceRows.append(words.dropFirst().compactMap { Int($0) })
            } else if words.count >= 3, words[0] == "node", let node = Int(words[1]) {
                if words[2] == "cpus:" {
                    cpusOfNode[node] = CPUSet(words.dropFirst(3).compactMap { Int($0) })
                } else if words[2] == "size:", let megabytes = UInt64(words[3]) {
                    megabytesOfNode[node] = megabytes
                }
            }
        }
        let withMemory = topology.numaNodes.filter { ($0.memoryBytes ?? 0) > 0 }
        #expect(Set(cpusOfNode.keys) == Set(withMemory.map(\.osIndex.rawValue)))
        for node in withMemory {
            #expect(cpusOfNode[node.osIndex.rawValue] == node.cpus, "CPUs of node \(node.osIndex)")
            #expect(
                megabytesOfNode[node.osIndex.rawValue] == (node.memoryBytes ?? 0) >> 20, "size of node \(node.osIndex)")
        }
        if let distances = topology.distances {
            #expect(distanceRows == distances.nodes.map { distances.row(of: $0) ?? [] })
        } else {
            #expect(distanceRows.allSatisfy { $0 == [10] })
        }
    }

    @Test(.enabled(if: Tool.exists("lscpu"), "lscpu is not installed (Debian: util-linux)"))
    func agreesWithLscpu() throws {
        let output = try Tool.run("lscpu", ["-p=CPU,CORE,SOCKET,NODE"])
        var cpusOfCore: [Int: CPUSet] = [:]
        var cpusOfSocket: [Int: CPUSet] = [:]
        var cpusOfNode: [Int: CPUSet] = [:]
        var online = CPUSet()
        for line in output.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            guard fields.count == 4, let cpu = fields[0], let core = fields[1], let socket = fields[2] else { continue }
            online.insert(cpu)
            cpusOfCore[core, default: []].insert(cpu)
            cpusOfSocket[socket, default: []].insert(cpu)
            if let node = fields[3] {
                cpusOfNode[node, default: []].insert(cpu)
            }
        }
        #expect(online == topology.onlineCPUs)
        #expect(Set(cpusOfCore.values) == Set(topology.cores.map(\.cpus)))
        #expect(Set(cpusOfSocket.values) == Set(topology.packages.map(\.cpus)))
        for (node, cpus) in cpusOfNode {
            #expect(topology.numaNodes.first { $0.osIndex.rawValue == node }?.cpus == cpus, "node \(node)")
        }
    }

    @Test func agreesWithLibnuma() throws {
        try #require(numa_available() >= 0, "libnuma says NUMA is not available")
        #expect(Int(numa_max_node()) == topology.numaNodes.map(\.osIndex.rawValue).max())
        for node in topology.numaNodes {
            #expect(
                UInt64(numa_node_size64(Int32(node.osIndex.rawValue), nil)) == node.memoryBytes, "node \(node.osIndex)")
        }
    }

    @Test func allowedCPUsAreThisThreadsAffinity() throws {
        var words = [UInt64](repeating: 0, count: 1024 / 64)
        let result = words.withUnsafeMutableBufferPointer { csys_thread_affinity($0.baseAddress, $0.count) }
        try #require(result == 0, "sched_getaffinity failed: \(result)")
        let affinity = CPUSet((0..<1024).filter { words[$0 / 64] & (1 << UInt64($0 % 64)) != 0 })
        #expect(affinity.intersection(topology.onlineCPUs) == topology.allowedCPUs)
    }
}

/// Runs the command-line tools the live tests compare with.
enum Tool {
    static func exists(_ name: String) -> Bool {
        ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"].contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
