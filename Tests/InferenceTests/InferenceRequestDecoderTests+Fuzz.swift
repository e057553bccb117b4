import Inference
import TestFixtures
import Testing
import Topology

/// Seeded mutations of valid requests: the decoder never traps or hangs,
/// every refusal names a byte inside the body, and what it accepts reads
/// back the same after writing. Bounded to a few thousand bodies.
extension InferenceRequestDecoderTests {
    static let hostileTokens: [[UInt8]] =
        [
            "NaN", "-Infinity", "1e400", "-", "01", "1.", "true", "null", "[", "]", "{", "}", ",", ":", "\"", "\\u12",
            "\\ud800", "99999999999999999999999", "-9223372036854775809", "2.5", "-1", "4294967296, 4294967296",
            String(repeating: "[", count: 300), String(repeating: "{\"a\":", count: 100),
            #""shape": [9223372036854775807]"#, #""binary_data_size": 3"#,
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00]]

    @Test func mutatedRequestsAreDecodedOrRefusedWithAPosition() throws {
        var random = TestSeed.generator(for: "mutatedRequestsAreDecodedOrRefusedWithAPosition")
        let seedNote = "(replay with \(TestSeed.variable) as printed above)"
        for round in 0..<2000 {
            let request = Self.randomRequest(&random)
            let body = request.encodedJSON()
            let decoded = try InferenceRequestDecoder().decode(body)
            #expect(decoded == request, "round \(round): the written request reads back the same \(seedNote)")
            for _ in 0..<6 {
                var mutated = body
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    Self.mutate(&mutated, &random)
                }
                Self.expectDecodedOrRefused(mutated, round: round, seedNote)
            }
        }
    }

    static func expectDecodedOrRefused(_ body: [UInt8], round: Int, _ seedNote: String) {
        do {
            let request = try InferenceRequestDecoder().decode(body)
            let again = try InferenceRequestDecoder().decode(request.encodedJSON())
            #expect(again == request, "round \(round): an accepted body reads back the same \(seedNote)")
        } catch {
            let text = String(decoding: body, as: UTF8.self)
            #expect(
                (0...body.count).contains(error.offset) && error.line >= 1 && error.column >= 1
                    && !error.reason.isEmpty && "\(error)".hasPrefix("byte \(error.offset) (line \(error.line)"),
                "round \(round): \(error) for \(text) \(seedNote)")
        }
    }

    static func mutate(_ body: inout [UInt8], _ random: inout SeededGenerator) {
        let position = Int.random(in: 0...body.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0: body.removeSubrange(position...)
        case 1 where !body.isEmpty:
            body[min(position, body.count - 1)] = UInt8.random(in: 0...255, using: &random)
        case 2: body.insert(contentsOf: hostileTokens.randomElement(using: &random) ?? [], at: position)
        case 3:
            let end = min(body.count, position + Int.random(in: 1...16, using: &random))
            body.removeSubrange(position..<end)
        case 4:
            let end = min(body.count, position + Int.random(in: 1...32, using: &random))
            body.insert(contentsOf: body[position..<end], at: position)
        default:
            let garbage = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            body.insert(contentsOf: garbage, at: position)
        }
    }

    static func randomRequest(_ random: inout SeededGenerator) -> InferenceRequest {
        let inputs = (0..<Int.random(in: 1...3, using: &random)).map { index in
            let datatype = TensorDataType.allCases.randomElement(using: &random) ?? .fp32
            let shape = (0..<Int.random(in: 0...3, using: &random)).map { _ in Int.random(in: 0...4, using: &random) }
            let count = shape.reduce(1, *)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                bytes += randomElement(datatype, &random)
            }
            return RequestInput(tensor: Tensor(name: "in\(index)", datatype: datatype, shape: shape, bytes: bytes))
        }
        let parameters: [String: InferenceParameter] =
            Bool.random(using: &random)
            ? ["priority": .int(Int64.random(in: -5...5, using: &random)), "fast": .bool(true), "tag": .string("é\n")]
            : [:]
        return InferenceRequest(
            id: Bool.random(using: &random) ? "req-\(random.next() % 1000)" : nil, parameters: parameters,
            inputs: inputs)
    }

    /// One element's bytes: any value of an integer type, any finite value of a float type.
    static func randomElement(_ datatype: TensorDataType, _ random: inout SeededGenerator) -> [UInt8] {
        var bits = random.next()
        switch datatype {
        case .bool: return [UInt8(bits & 1)]
        case .fp16:
            while !Float16(bitPattern: UInt16(truncatingIfNeeded: bits)).isFinite { bits = random.next() }
        case .fp32:
            while !Float(bitPattern: UInt32(truncatingIfNeeded: bits)).isFinite { bits = random.next() }
        case .fp64:
            while !Double(bitPattern: bits).isFinite { bits = random.next() }
        default: break
        }
        return withUnsafeBytes(of: bits.littleEndian) { Array($0.prefix(datatype.byteWidth)) }
    }
}

/// The binary tensor extension under the same seeded abuse: a JSON header
/// whose inputs declare `binary_data_size`, then the raw bytes; the header
/// length, the sizes and the bytes are mutated. Decoding and attaching
/// either give every input exactly its declared bytes or refuse with a
/// position, never a trap.
extension InferenceRequestDecoderTests {
    @Test func mutatedBinaryBodiesAreDecodedOrRefusedWithAPosition() throws {
        var random = TestSeed.generator(for: "mutatedBinaryBodiesAreDecodedOrRefusedWithAPosition")
        let seedNote = "(replay with \(TestSeed.variable) as printed above)"
        for round in 0..<1000 {
            var (header, binary) = Self.randomBinaryBody(&random)
            var headerLength = header.count
            switch Int.random(in: 0..<5, using: &random) {
            case 0: Self.mutate(&header, &random)
            case 1: binary.removeLast(min(binary.count, Int.random(in: 1...8, using: &random)))
            case 2:
                binary += (0..<Int.random(in: 1...8, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
            case 3: headerLength = Int.random(in: 0...(header.count + binary.count), using: &random)
            default: break
            }
            let body = header + binary
            headerLength = min(headerLength, body.count)
            do {
                var request = try InferenceRequestDecoder().decode(Array(body[..<headerLength]))
                let declared = request.inputs.map(\.binaryDataSize)
                try body.withUnsafeBytes { bytes in
                    try request.attachBinaryData(
                        UnsafeRawBufferPointer(rebasing: bytes[headerLength...]), jsonLength: headerLength)
                }
                for (input, size) in zip(request.inputs, declared) {
                    if let size {
                        #expect(
                            input.tensor.bytes.count == size,
                            "round \(round): an input got its declared bytes \(seedNote)")
                    }
                    #expect(input.binaryDataSize == nil, "round \(round): attached inputs carry bytes, not a size")
                }
            } catch let error as OpenInferenceJSONError {
                #expect(
                    (0...body.count).contains(error.offset) && !error.reason.isEmpty,
                    "round \(round): \(error) \(seedNote)")
            }
        }
    }

    /// A header declaring one to three binary inputs, and their bytes.
    static func randomBinaryBody(_ random: inout SeededGenerator) -> (header: [UInt8], binary: [UInt8]) {
        var inputs: [String] = []
        var binary: [UInt8] = []
        for index in 0..<Int.random(in: 1...3, using: &random) {
            let count = Int.random(in: 0...6, using: &random)
            let bytes = (0..<count * 4).map { _ in UInt8.random(in: 0...255, using: &random) }
            inputs.append(
                #"{"name":"in\#(index)","datatype":"FP32","shape":[\#(count)],"parameters":{"binary_data_size":\#(bytes.count)}}"#
            )
            binary += bytes
        }
        return (Array(#"{"id":"b","inputs":[\#(inputs.joined(separator: ","))]}"#.utf8), binary)
    }
}
