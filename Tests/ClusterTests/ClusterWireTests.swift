import Cluster
import Foundation
import Messaging
import Testing

@Suite struct ClusterWireTests {
    let wire = ClusterWire()

    @Test func roundTripsAReportWithEveryFieldSet() throws {
        let report = try NodeReport.full()
        let frames = try wire.encode(report)
        #expect(frames.count == 2)
        #expect(try wire.decodeReport(frames) == report)
    }

    @Test func roundTripsTheWorkedExample() throws {
        let report = try NodeReport.workedExample()
        #expect(try wire.decodeReport(wire.encode(report)) == report)
    }

    @Test func writesTheWorkedExampleOfTheProtocolDocumentByteForByte() throws {
        let frames = try wire.encode(NodeReport.workedExample())
        #expect(frames[0] == [0x45, 0x53, 0x43, 0x4C, 0x01, 0x00, 0x01, 0x00, 0x9D, 0x00, 0x00, 0x00])
        #expect(frames[1] == (try Self.documentedPayload()))
    }

    @Test func pythonDecodesTheSwiftFramesAndReencodesThemToTheSameBytes() throws {
        let frames = try wire.encode(NodeReport.full())
        let run = try Self.runPythonExample(on: frames)
        #expect(run.status == 0, "decode_report.py: \(run.errors)")
        #expect(run.errors.hasPrefix("site.a_node-7 #18446744073709551615 every 3600000 ms"), "\(run.errors)")
        #expect(run.output.split(separator: "\n").map(String.init) == frames.map(Self.hex))
    }

    @Test func pythonSendsTheNextReportFromADealerThatARouterDecodes() throws {
        let router = try Socket(.router, in: Context())
        try router.bind("tcp://127.0.0.1:*")
        var report = try NodeReport.workedExample()
        let run = try Self.runPythonExample(on: wire.encode(report), arguments: [router.lastEndpoint])
        #expect(run.status == 0, "decode_report.py: \(run.errors)")
        let poller = Poller()
        let readable = poller.add(router)
        _ = try poller.wait(timeout: .seconds(10))
        try #require(poller.events(for: readable).contains(.readable), "no report arrived")
        let frames = try #require(try router.receive()).dropFirst().map { frame in frame.withUnsafeBytes { Array($0) } }
        report.sequence += 1
        #expect(try wire.decodeReport(frames) == report)
    }

    /// Runs docs/cluster-protocol/decode_report.py with `frames` as hex lines on its input.
    static func runPythonExample(
        on frames: [[UInt8]], arguments: [String] = []
    ) throws -> (status: Int32, output: String, errors: String) {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments =
            ["python3", documents.appendingPathComponent("cluster-protocol/decode_report.py").path] + arguments
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        python.standardInput = input
        python.standardOutput = output
        python.standardError = errors
        try python.run()
        input.fileHandleForWriting.write(Data(frames.map(hex).joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        return (python.terminationStatus, printed, said)
    }

    @Test func refusesToEncodeAReportAReceiverWouldDrop() throws {
        var report = try NodeReport.workedExample()
        report.demand.models[0].classes[0].arrivalsPerSecond = -1
        #expect {
            try wire.encode(report)
        } throws: { error in
            (error as? ClusterError)?.description
                == "node report from \"edge-1\": demand.models[0].classes[0].arrivals_per_second is -1.0; "
                + "it must be finite and at least 0"
        }
    }

    @Test func refusesToEncodeAPayloadPastTheMaximum() throws {
        let small = ClusterWire(limits: WireLimits(maximumPayloadBytes: 100))
        #expect(throws: ClusterError(.oversized, "node report payload is 157 bytes, more than the maximum 100")) {
            try small.encode(NodeReport.workedExample())
        }
    }

    /// The payload's hex dump in docs/cluster-protocol.md, after its marker.
    static func documentedPayload() throws -> [UInt8] {
        let text = try String(contentsOf: documents.appendingPathComponent("cluster-protocol.md"), encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- worked-example-payload -->\n```\n"))
        let block = try #require(text[marker.upperBound...].range(of: "```"))
        return try text[marker.upperBound..<block.lowerBound].split(separator: "\n").flatMap { line in
            try line.split(separator: " ").dropFirst().map { try #require(UInt8($0, radix: 16)) }
        }
    }

    static let documents = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs")

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
