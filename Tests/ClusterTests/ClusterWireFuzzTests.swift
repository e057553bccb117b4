import Cluster
import TestFixtures
import Testing

@Suite struct ClusterWireFuzzTests {
    /// Frames made from a valid report by cutting, flipping, inserting and
    /// replacing bytes and frames, or drawn at random: each decodes to a
    /// report that re-encodes within the limits, or is refused with an error
    /// that names a reason. A trap fails the run; the seed printed first
    /// replays it.
    @Test func everyMutatedOrRandomMessageDecodesToAValidReportOrIsRefusedWithAReason() throws {
        var random = TestSeed.generator(for: "everyMutatedOrRandomMessageDecodesToAValidReportOrIsRefusedWithAReason")
        let wire = ClusterWire()
        let originals = [try wire.encode(NodeReport.workedExample()), try wire.encode(NodeReport.full())]
        var decoded = 0
        var reasons: [DropReason: Int] = [:]
        for _ in 0..<20_000 {
            let frames = Self.mutate(originals[Int.random(in: 0..<originals.count, using: &random)], using: &random)
            do {
                let report = try wire.decodeReport(frames)
                _ = try wire.encode(report)
                decoded += 1
            } catch {
                #expect(!error.description.isEmpty)
                reasons[error.dropReason, default: 0] += 1
            }
        }
        #expect(decoded > 0)
        #expect(reasons.keys.count >= 4, "\(reasons)")
    }

    static func mutate(_ frames: [[UInt8]], using random: inout SeededGenerator) -> [[UInt8]] {
        var frames = frames
        switch Int.random(in: 0..<8, using: &random) {
        case 0:
            let frame = Int.random(in: 0..<frames.count, using: &random)
            frames[frame] = Array(frames[frame].prefix(Int.random(in: 0...frames[frame].count, using: &random)))
        case 1:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let frame = Int.random(in: 0..<frames.count, using: &random)
                guard !frames[frame].isEmpty else { continue }
                let at = Int.random(in: 0..<frames[frame].count, using: &random)
                frames[frame][at] ^= UInt8.random(in: 1...255, using: &random)
            }
        case 2:
            let at = Int.random(in: 0...frames[1].count, using: &random)
            frames[1].insert(contentsOf: Self.bytes(Int.random(in: 1...16, using: &random), using: &random), at: at)
        case 3:
            frames = Array(frames.prefix(Int.random(in: 0...frames.count, using: &random)))
        case 4:
            frames.append(Self.bytes(Int.random(in: 0...32, using: &random), using: &random))
        case 5:
            frames = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                Self.bytes(Int.random(in: 0...64, using: &random), using: &random)
            }
        case 6:
            let payload = Self.bytes(Int.random(in: 0...256, using: &random), using: &random)
            frames = [FrameHeader(kind: .nodeReport, payloadByteCount: UInt32(payload.count)).bytes, payload]
        default:
            let at = Int.random(in: 0..<frames[1].count, using: &random)
            frames[1][at] ^= UInt8.random(in: 1...255, using: &random)
            frames[0] = FrameHeader(kind: .nodeReport, payloadByteCount: UInt32(frames[1].count)).bytes
        }
        return frames
    }

    static func bytes(_ count: Int, using random: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }
}
