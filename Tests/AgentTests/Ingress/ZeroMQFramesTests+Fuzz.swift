import Inference
import TestFixtures
import Testing
import Topology

@testable import Agent

/// Seeded mutations of the example request's frames: the decoder never traps,
/// what it accepts is consistent, and what it refuses it answers (or drops,
/// without the magic) with a message. Bounded to a few thousand requests.
extension ZeroMQFramesTests {
    @Test func mutatedFramesAreDecodedOrRefused() {
        var random = TestSeed.generator(for: "mutatedFramesAreDecodedOrRefused")
        let seedNote = "(replay with \(TestSeed.variable) as printed above)"
        for round in 0..<4000 {
            var frames = Self.exampleRequest
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                Self.mutate(&frames, &random)
            }
            do {
                let request = try Self.decode(frames)
                for input in request.call.inputs {
                    #expect(
                        input.bytes.count == input.elementCount * input.datatype.byteWidth,
                        "round \(round): an accepted input's bytes fit its shape \(seedNote)")
                }
            } catch {
                let hasMagic = frames.first.map { $0.count >= 2 && $0[0] == 0x65 && $0[1] == 0x73 } ?? false
                #expect(error.isAnswered == hasMagic, "round \(round): \(error.error) \(seedNote)")
                #expect(!error.error.message.isEmpty, "round \(round) \(seedNote)")
            }
        }
    }

    static func mutate(_ frames: inout [[UInt8]], _ random: inout SeededGenerator) {
        let index = Int.random(in: 0..<frames.count, using: &random)
        let count = frames[index].count
        let position = Int.random(in: 0...count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: frames[index].removeSubrange(position...)
        case 1 where count > 0:
            frames[index][min(position, count - 1)] = UInt8.random(in: 0...255, using: &random)
        case 2:
            let bytes = (0..<Int.random(in: 1...9, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random)
            }
            frames[index].insert(contentsOf: bytes, at: position)
        case 3 where frames.count > 1: frames.remove(at: index)
        case 4: frames.insert(frames[index], at: index)
        case 5 where count > 0:
            let edges: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF]
            frames[index][min(position, count - 1)] = edges.randomElement(using: &random) ?? 0
        default:
            frames.append(
                (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
    }
}
