import Foundation
import TestFixtures
import Testing
import Topology

/// Mutated copies of every captured tree: truncated, garbled, huge, empty or
/// deleted files, and folders where files were. Each read either gives a
/// topology that keeps its invariants and renders, or a ``TopologyError``
/// naming a file of the tree; no read traps. The rounds are a fixed number
/// (a few seconds in a debug build), so a seed replays the same rounds.
@Suite struct TopologyFuzzTests {
    static let rounds = 300

    /// One change to one file of a tree.
    enum Mutation: CustomStringConvertible {
        case truncate(keeping: Int)
        case garbage([UInt8])
        case replace(String)
        case empty
        case delete
        case folder

        var description: String {
            switch self {
            case .truncate(let keeping): "truncated to \(keeping) bytes"
            case .garbage(let bytes): "garbage \(bytes)"
            case .replace(let text): "replaced by \"\(text)\""
            case .empty: "emptied"
            case .delete: "deleted"
            case .folder: "made a folder"
            }
        }
    }

    /// Numbers past every bound the reader has, and lists that name them.
    static let hugeValues = [
        "17179869184G", "999999999999K", "18446744073709551615", "-9223372036854775808", "4294967296",
        "99999999999999999999999", "0-65535", "65536", "0-4294967295", "ffffffff,ffffffff,ffffffff",
        "Node 0 MemTotal: 18446744073709551615 kB\n", "MemTotal: 99999999999999 kB\n",
        "Cpus_allowed_list:\t0-99999\nMems_allowed_list:\t99999\n", "10 99999999999 10", "0x1ffffffff",
    ]
    static let alphabet = Array("0123456789abcdefx-,: \n\t\0KMG".utf8) + [0xFF, 0xC3]

    static func mutation(using generator: inout SeededGenerator) -> Mutation {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return .truncate(keeping: Int.random(in: 0..<8, using: &generator))
        case 1:
            let length = Int.random(in: 1..<16, using: &generator)
            return .garbage((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 })
        case 2: return .replace(hugeValues.randomElement(using: &generator) ?? "")
        case 3: return .empty
        case 4: return .delete
        default: return .folder
        }
    }

    @Test func mutatedTreesNeverTrapAndErrorsNameAFile() throws {
        let seed = TestSeed.make(for: "TopologyFuzzTests.mutatedTreesNeverTrapAndErrorsNameAFile")
        var generator = SeededGenerator(seed: seed)
        let scratch = try ScratchTree()
        defer { scratch.delete() }
        // A capture holds exactly the files the reader reads, so every
        // mutation lands on a file that matters.
        var captures: [(root: String, files: [String])] = []
        for (number, tree) in FixtureTrees.all.enumerated() {
            let root = "\(scratch.root)/\(number)"
            try TopologyCapture.capture(fromRoot: tree, into: root)
            captures.append((root, try Self.files(below: root)))
        }
        for round in 0..<Self.rounds {
            let capture = captures[Int.random(in: 0..<captures.count, using: &generator)]
            let chosen = (0..<Int.random(in: 1...3, using: &generator)).compactMap { _ in
                capture.files.randomElement(using: &generator)
            }
            var originals: [String: Data] = [:]
            var applied: [String] = []
            for file in chosen where originals[file] == nil {
                let path = "\(capture.root)/\(file)"
                originals[file] = try Data(contentsOf: URL(fileURLWithPath: path))
                let mutation = Self.mutation(using: &generator)
                try Self.apply(mutation, to: path)
                applied.append("\(file) \(mutation)")
            }
            let context = "seed \(seed) round \(round): \(applied.joined(separator: "; "))"
            Self.readAndCheck(capture.root, context: context)
            for (file, bytes) in originals {
                let path = "\(capture.root)/\(file)"
                try? FileManager.default.removeItem(atPath: path)
                try bytes.write(to: URL(fileURLWithPath: path))
            }
        }
    }

    /// Reads a mutated tree: a topology must keep its invariants and render;
    /// an error or a warning must name a path below the tree.
    static func readAndCheck(_ root: String, context: String) {
        do {
            let topology = try MachineTopology.read(fromRoot: root)
            topology.checkInvariants()
            _ = (topology.text, topology.json.serialized(), topology.svg)
            for warning in topology.warnings {
                #expect(warning.path.hasPrefix(root + "/"), "\(context): warning \(warning) names no file")
                #expect(warning.description.hasPrefix(warning.path), "\(context): \(warning)")
            }
        } catch {
            #expect(error.path.hasPrefix(root + "/"), "\(context): \(error) names no file of the tree")
            #expect(error.description.hasPrefix(error.path), "\(context): \(error)")
        }
    }

    static func apply(_ mutation: Mutation, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        switch mutation {
        case .truncate(let keeping): try Data(try Data(contentsOf: url).prefix(keeping)).write(to: url)
        case .garbage(let bytes): try Data(bytes).write(to: url)
        case .replace(let text): try Data(text.utf8).write(to: url)
        case .empty: try Data().write(to: url)
        case .delete: try FileManager.default.removeItem(at: url)
        case .folder:
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        }
    }

    /// Every regular file below `root`, relative to it.
    static func files(below root: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(relative)", isDirectory: &isFolder),
                !isFolder.boolValue
            {
                files.append(relative)
            }
        }
        return files.sorted()
    }
}
