import Testing

@testable import Cluster

/// One way a message can be wrong, the reason a receiver counts it under and
/// what the error says.
struct BadMessage: Sendable, CustomTestStringConvertible {
    let name: String
    let frames: @Sendable ([[UInt8]]) -> [[UInt8]]
    let reason: DropReason
    let says: String

    var testDescription: String { name }
}

/// `frames` with the header's byte at `index` replaced by `value`.
@Sendable func settingHeaderByte(_ index: Int, to value: UInt8, in frames: [[UInt8]]) -> [[UInt8]] {
    var frames = frames
    frames[0][index] = value
    return frames
}

/// A field outside its limits, written past the encoder's validation.
struct BadField: Sendable, CustomTestStringConvertible {
    let name: String
    let change: @Sendable (inout NodeReport) throws -> Void
    let says: String

    var testDescription: String { name }
}

@Suite struct ClusterWireBadInputTests {
    let wire = ClusterWire()

    static let messages: [BadMessage] = [
        BadMessage(name: "no frames", frames: { _ in [] }, reason: .truncated, says: "message has no frames"),
        BadMessage(
            name: "a short header", frames: { [Array($0[0].prefix(7)), $0[1]] }, reason: .truncated,
            says: "header frame is 7 bytes, 12 expected"),
        BadMessage(
            name: "no payload frame", frames: { [$0[0]] }, reason: .truncated,
            says: "node report message has no payload frame"),
        BadMessage(
            name: "a payload shorter than its header says", frames: { [$0[0], Array($0[1].dropLast(10))] },
            reason: .truncated, says: "node report payload is 147 bytes; its header says 157"),
        BadMessage(
            name: "a payload cut inside a field, header matching",
            frames: { frames in
                let cut = Array(frames[1].prefix(20))
                return [FrameHeader(kind: .nodeReport, payloadByteCount: 20).bytes, cut]
            }, reason: .truncated, says: "node report payload ends inside a field (20 bytes)"),
        BadMessage(
            name: "an oversized payload",
            frames: { _ in
                [
                    FrameHeader(kind: .nodeReport, payloadByteCount: 1 << 21).bytes,
                    [UInt8](repeating: 0, count: 1 << 21),
                ]
            }, reason: .oversized,
            says: "node report payload is 2097152 bytes, more than the maximum 1048576"),
        BadMessage(
            name: "a header claiming an oversized payload",
            frames: { frames in
                [FrameHeader(kind: .nodeReport, payloadByteCount: .max).bytes, frames[1]]
            }, reason: .oversized, says: "node report payload is 4294967295 bytes, more than the maximum 1048576"),
        BadMessage(
            name: "version 2",
            frames: { settingHeaderByte(4, to: 2, in: $0) }, reason: .wrongVersion,
            says: "cluster protocol version 2; this build reads only 1"),
        BadMessage(
            name: "bad magic",
            frames: { settingHeaderByte(0, to: 0x46, in: $0) }, reason: .undecodable,
            says: "header frame starts with 0x4653434c, not the magic \"ESCL\""),
        BadMessage(
            name: "a long header", frames: { [$0[0] + [0], $0[1]] }, reason: .undecodable,
            says: "header frame is 13 bytes, 12 expected"),
        BadMessage(
            name: "an unknown kind",
            frames: { settingHeaderByte(6, to: 9, in: $0) }, reason: .undecodable,
            says: "message kind 9 is not one version 1 defines"),
        BadMessage(
            name: "a plan on the report socket",
            frames: { frames in
                [FrameHeader(kind: .plan, payloadByteCount: UInt32(frames[1].count)).bytes, frames[1]]
            }, reason: .undecodable, says: "a plan message where a node report was expected"),
        BadMessage(
            name: "three frames", frames: { $0 + [[]] }, reason: .undecodable,
            says: "node report message has 3 frames, 2 expected"),
        BadMessage(
            name: "a payload longer than its header says", frames: { [$0[0], $0[1] + [0]] }, reason: .undecodable,
            says: "node report payload is 158 bytes; its header says 157"),
        BadMessage(
            name: "a payload that is not protobuf",
            frames: { _ in
                [FrameHeader(kind: .nodeReport, payloadByteCount: 2).bytes, [0x07, 0x00]]
            }, reason: .undecodable, says: "node report payload of 2 bytes is not protobuf: "),
        BadMessage(
            name: "random bytes", frames: { _ in [[0x17, 0x42, 0xFF, 0x00, 0x9A]] }, reason: .undecodable,
            says: "header frame starts with 0x1742ff00, not the magic \"ESCL\""),
        BadMessage(
            name: "an empty payload", frames: { _ in [FrameHeader(kind: .nodeReport, payloadByteCount: 0).bytes, []] },
            reason: .invalid, says: "node report: node: node id \"\" must be 1 to 64 bytes"),
    ]

    @Test(arguments: messages)
    func dropsABadMessageUnderItsReasonNamingIt(_ bad: BadMessage) throws {
        let frames = bad.frames(try wire.encode(NodeReport.workedExample()))
        do {
            let report = try wire.decodeReport(frames)
            Issue.record("decoded \(report)")
        } catch {
            #expect(error.dropReason == bad.reason)
            #expect(error.description.hasPrefix(bad.says), "\(error.description)")
        }
    }

    static let fields: [BadField] = [
        BadField(name: "sequence 0", change: { $0.sequence = 0 }, says: "sequence is 0; sequences start at 1"),
        BadField(
            name: "a 5-byte public key", change: { $0.publicKey = [1, 2, 3, 4, 5] },
            says: "public_key is 5 bytes; it must be empty or 32 bytes"),
        BadField(
            name: "interval 0", change: { $0.intervalMilliseconds = 0 },
            says: "interval_ms is 0; it must be 1 to 3600000"),
        BadField(
            name: "no ingress", change: { $0.ingressEndpoint = "" },
            says: "ingress_endpoint is empty; a name must be 1 or more bytes"),
        BadField(
            name: "a negative rate", change: { $0.demand.models[0].classes[0].refusedPerSecond = -0.5 },
            says: "demand.models[0].classes[0].refused_per_second is -0.5; it must be finite and at least 0"),
        BadField(
            name: "a non-finite service time", change: { $0.demand.models[0].variants[0].serviceMilliseconds = .nan },
            says: "demand.models[0].variants[0].service_ms is nan; it must be finite and at least 0"),
        BadField(
            name: "an infinite spare rate", change: { $0.capacity.domains[0].spare[0].requestsPerSecond = .infinity },
            says: "capacity.domains[0].spare[0].requests_per_second is inf; it must be finite and at least 0"),
        BadField(
            name: "utilisation above 1", change: { $0.capacity.domains[0].utilisation = 1.5 },
            says: "capacity.domains[0].utilisation is 1.5; it must be between 0 and 1"),
        BadField(
            name: "a non-finite temperature", change: { $0.capacity.domains[0].temperatureCelsius = -.infinity },
            says: "capacity.domains[0].temperature_celsius is -inf; it must be finite"),
        BadField(
            name: "a repeated model", change: { $0.demand.models.append($0.demand.models[0]) },
            says: "demand.models[1] repeats mlp, given earlier in the list"),
        BadField(
            name: "a repeated domain", change: { $0.capacity.domains.append($0.capacity.domains[0]) },
            says: "capacity.domains[1] repeats 0, given earlier in the list"),
        BadField(
            name: "no domains", change: { $0.capacity.domains = [] },
            says: "capacity.domains is empty; a node has at least one domain"),
        BadField(
            name: "too many entries",
            change: { report in
                report.capacity.domains[0].loadedVariants = Array(
                    repeating: ModelVariant(model: "m", variant: "v"), count: 65_537)
            }, says: "capacity.domains[0].loaded_variants has 65537 entries, more than the 65536 allowed"),
        BadField(
            name: "an overlong name", change: { $0.demand.models[0].model = String(repeating: "m", count: 257) },
            says: "demand.models[0].model is 257 bytes, more than the 256 allowed"),
    ]

    @Test(arguments: fields)
    func dropsAFieldOutsideItsLimitsAsInvalidNamingFieldAndValue(_ bad: BadField) throws {
        var report = try NodeReport.workedExample()
        try bad.change(&report)
        let frames = try wire.frames(of: .nodeReport, report.protobuf)
        do {
            let decoded = try wire.decodeReport(frames)
            Issue.record("decoded \(decoded)")
        } catch {
            #expect(error.dropReason == .invalid)
            #expect(error.kind == .invalidField)
            #expect(error.description.hasSuffix(bad.says), "\(error.description)")
        }
    }

    @Test func dropsABadNodeIDAsInvalidNamingIt() throws {
        var message = try NodeReport.workedExample().protobuf
        message.node = "gw 01"
        let frames = try wire.frames(of: .nodeReport, message)
        #expect(
            throws: ClusterError(
                .invalidField,
                "node report: node: node id \"gw 01\" may hold only letters, digits, '.', '_' and '-'")
        ) {
            try wire.decodeReport(frames)
        }
    }

    @Test func dropsAQueueDepthSwiftCannotHoldAsInvalid() throws {
        var message = try NodeReport.workedExample().protobuf
        message.demand.models[0].queueDepth = UInt64(Int.max) + 1
        let frames = try wire.frames(of: .nodeReport, message)
        #expect(
            throws: ClusterError(
                .invalidField,
                "node report from \"edge-1\": demand.models[0].queue_depth is 9223372036854775808, "
                    + "more than 9223372036854775807")
        ) {
            try wire.decodeReport(frames)
        }
    }

    @Test func skipsFieldsANewerWriterAdded() throws {
        let frames = try wire.encode(NodeReport.workedExample())
        let extra: [UInt8] = [0xF8, 0x06, 0x2A]  // field 111, varint 42
        let payload = frames[1] + extra
        let header = FrameHeader(kind: .nodeReport, payloadByteCount: UInt32(payload.count)).bytes
        #expect(try wire.decodeReport([header, payload]) == NodeReport.workedExample())
    }
}
