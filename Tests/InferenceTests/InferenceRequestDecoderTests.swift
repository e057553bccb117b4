import Inference
import Testing

/// The Open Inference Protocol request decoder: what it takes, where and why it refuses.
@Suite struct InferenceRequestDecoderTests {
    static func decode(_ body: String, limits: TensorLimits = TensorLimits()) throws(OpenInferenceJSONError)
        -> InferenceRequest
    {
        try InferenceRequestDecoder(limits: limits).decode(Array(body.utf8))
    }

    @Test func readsFlatAndNestedDataIntoTheDatatypesBytes() throws {
        let flat = try Self.decode(
            #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 2], "data": [1, 2, 3, 4.5]}]}"#)
        let nested = try Self.decode(
            #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 2], "data": [[1, 2], [3, 4.5]]}]}"#)
        #expect(flat.tensors == [Tensor(name: "x", shape: [2, 2], floats: [1, 2, 3, 4.5])])
        #expect(nested.tensors == flat.tensors)
        let integers = try Self.decode(
            #"{"inputs": [{"name": "i", "datatype": "INT16", "shape": [3], "data": [-32768, 0, 32767]}]}"#)
        #expect(integers.tensors[0].bytes == [0x00, 0x80, 0x00, 0x00, 0xFF, 0x7F])
        let flags = try Self.decode(
            #"{"inputs": [{"name": "b", "datatype": "BOOL", "shape": [3], "data": [true, false, 1]}]}"#)
        #expect(flags.tensors[0].bytes == [1, 0, 1])
        let wide = try Self.decode(
            #"{"inputs": [{"name": "u", "datatype": "UINT64", "shape": [1], "data": [18446744073709551615]}]}"#)
        #expect(wide.tensors[0].bytes == Array(repeating: 0xFF, count: 8))
    }

    @Test func readsFloatsToTheNearestValue() throws {
        let texts = [
            "0.1", "-0.7364917397499084", "3.4028234663852886e38", "1e-45", "123456789012345678901234", "5e-324",
        ]
        let body =
            #"{"inputs": [{"name": "x", "datatype": "FP64", "shape": [\#(texts.count)], "data": [\#(texts.joined(separator: ","))]}]}"#
        let bytes = try Self.decode(body).tensors[0].bytes
        let values = (0..<texts.count).map { index in
            bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index * 8, as: Double.self) }
        }
        #expect(values == texts.map { Double($0) })
    }

    @Test func readsFP32ToTheNearestFloatEvenWhereTheNearestDoubleIsHalfway() throws {
        let body =
            #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2], "#
            + #""data": [1.0000000596046447753906251, 1.0000000596046447753906249]}]}"#
        let floats = try #require(try Self.decode(body).tensors[0].floats)
        #expect(floats.map(\.bitPattern) == [0x3F80_0001, 0x3F80_0000])
    }

    @Test func keepsTheIdParametersAndRequestedOutputs() throws {
        let request = try Self.decode(
            #"""
            {"id": "r\u00e9q-1", "parameters": {"priority": 2, "timeout": 1500, "edgesched_allow_downgrade": true,
             "edgesched_min_variant": "int8", "weight": 0.5},
             "inputs": [{"data": [1], "shape": [1], "name": "x", "datatype": "INT64", "extra": {"ignored": [1, 2]}}],
             "outputs": [{"name": "y", "parameters": {"binary_data": true}}]}
            """#)
        #expect(request.id == "réq-1")
        #expect(
            request.parameters == [
                "priority": .int(2), "timeout": .int(1500), "edgesched_allow_downgrade": .bool(true),
                "edgesched_min_variant": .string("int8"), "weight": .double(0.5),
            ])
        #expect(request.tensors == [Tensor(name: "x", datatype: .int64, shape: [1], bytes: [1, 0, 0, 0, 0, 0, 0, 0])])
        #expect(request.outputs == [RequestedOutput(name: "y", parameters: ["binary_data": .bool(true)])])
        #expect(request.outputs[0].binaryData)
    }

    @Test func takesBinaryTensorsAfterTheJSON() throws {
        let json =
            #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2], "parameters": {"binary_data_size": 8}}]}"#
        var request = try Self.decode(json)
        #expect(request.inputs[0].binaryDataSize == 8)
        let binary: [UInt8] = [0, 0, 128, 63, 0, 0, 0, 64]
        try binary.withUnsafeBytes { (bytes) throws -> Void in
            try request.attachBinaryData(bytes, jsonLength: json.utf8.count)
        }
        #expect(request.tensors == [Tensor(name: "x", shape: [2], floats: [1, 2])])
        var short = try Self.decode(json)
        #expect(throws: OpenInferenceJSONError.self) {
            try [UInt8](repeating: 0, count: 4).withUnsafeBytes { (bytes) throws -> Void in
                try short.attachBinaryData(bytes, jsonLength: json.utf8.count)
            }
        }
    }

    static let tensorPrefix = #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2], "data": "#

    @Test(
        "a bad body is refused with its kind, byte offset, path and reason",
        arguments: [
            ("", OpenInferenceJSONError.Kind.truncated, "", "", "the body is empty"),
            (tensorPrefix + "[1, 2", .truncated, "", "inputs[0].data", "the body ends where"),
            (tensorPrefix + "[1, NaN]}]}", .invalidNumber, "NaN", "inputs[0].data[1]", "NaN is not a JSON number"),
            (
                tensorPrefix + "[1, -Infinity]}]}", .invalidNumber, "-Inf", "inputs[0].data[1]",
                "-Infinity is not a JSON"
            ),
            (
                tensorPrefix + "[1, 1e400]}]}", .invalidNumber, "1e400", "inputs[0].data[1]",
                "1e400 is out of range for FP32"
            ),
            (
                tensorPrefix + "[1, 1e39]}]}", .invalidNumber, "1e39", "inputs[0].data[1]",
                "1e39 is out of range for FP32"
            ),
            (tensorPrefix + "[1, 01]}]}", .invalidNumber, "01", "inputs[0].data[1]", "leading zero"),
            (tensorPrefix + "[1, true]}]}", .wrongType, "true", "inputs[0].data[1]", "true where a number is expected"),
            (tensorPrefix + "[1, 2, 3]}]}", .shapeMismatch, "3]", "inputs[0].data[2]", "more than 2 values"),
            (
                tensorPrefix + "[1]}]}", .shapeMismatch, "]}", "inputs[0].data",
                "1 values for input \"x\" of shape [2], expected 2"
            ),
            (tensorPrefix + "[1., 2]}]}", .invalidNumber, "1.,", "inputs[0].data[0]", "digits after the decimal point"),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 2], "data": [[1, 2], [3]]}]}"#,
                .shapeMismatch, "]]", "inputs[0].data[1]",
                "1 entries at dimension 1 of input \"x\" of shape [2, 2], expected 2"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 2], "data": [[1, 2], 3, 4]}]}"#,
                .shapeMismatch, "3, 4", "inputs[0].data[1]", "a number where a list of 2 is expected"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2.5], "data": [1, 2]}]}"#,
                .shapeMismatch, "2.5", "inputs[0].shape[0]", "2.5 is not a dimension"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [-1], "data": [1]}]}"#,
                .shapeMismatch, "-1", "inputs[0].shape[0]", "-1 is not a dimension"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [true], "data": [1]}]}"#,
                .wrongType, "true", "inputs[0].shape[0]", "true where a number is expected"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [4294967296, 4294967296], "data": []}]}"#,
                .limitExceeded, "[4294967296", "inputs[0].shape", "more elements than fit in a 64-bit integer"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [100000, 100000], "data": []}]}"#,
                .limitExceeded, "[100000", "inputs[0].shape", "more than the limit of 268435456 bytes"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "FLOAT", "shape": [1], "data": [1]}]}"#,
                .unknownDatatype, "\"FLOAT", "inputs[0].datatype", "\"FLOAT\" is not a datatype"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "UINT8", "shape": [1], "data": [300]}]}"#,
                .invalidNumber, "300", "inputs[0].data[0]", "300 does not fit UINT8 (0 to 255)"
            ),
            (
                #"{"inputs": [{"name": "x", "datatype": "INT32", "shape": [1], "data": [1.5]}]}"#,
                .invalidNumber, "1.5", "inputs[0].data[0]", "1.5 is not an integer"
            ),
            ("[1]", .wrongType, "[1]", "", "expected the request"),
            (#"{"inputs": []} x"#, .syntax, "x", "", "after the end of the request object"),
            (#"{"inputs": [],}"#, .syntax, "}", "", "trailing comma"),
            (#"{"id": "a"}"#, .missingKey, "{", "inputs", "is missing"),
            (#"{"inputs": [], "inputs": []}"#, .missingKey, "\"inputs\": []}", "inputs", "is given twice"),
            (
                #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1]}]}"#, .missingKey, "{\"name",
                "inputs[0].data", "is missing"
            ),
            (
                #"{"inputs": [], "parameters": {"priority": [1]}}"#, .wrongType, "[1]", "parameters.priority",
                "a list; a parameter is a string, number or boolean"
            ),
            (
                #"{"inputs": [], "extra": "# + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
                    + "}",
                .tooDeep, String(repeating: "[", count: 7) + "]", "extra", "nested deeper than 64"
            ),
        ]
    )
    func badBodyIsRefused(
        body: String, kind: OpenInferenceJSONError.Kind, marker: String, path: String, reason: String
    ) {
        expectRefusal(Array(body.utf8), kind, marker: Array(marker.utf8), path, reason)
    }

    @Test(
        "bytes that are not UTF-8 in a string are refused where they are",
        arguments: [
            ([0xFF], OpenInferenceJSONError.Kind.invalidUTF8, "byte 0xFF starts no valid UTF-8 sequence"),
            ([0xC0, 0xAF], .invalidUTF8, "byte 0xC0 starts no valid UTF-8 sequence"),
            ([0xED, 0xA0, 0x80], .invalidUTF8, "byte 0xED starts no valid UTF-8 sequence"),
            ([0xF4, 0x90, 0x80, 0x80], .invalidUTF8, "byte 0xF4 starts no valid UTF-8 sequence"),
            ([0xC3], .truncated, "inside a UTF-8 sequence"),
        ] as [([UInt8], OpenInferenceJSONError.Kind, String)]
    )
    func invalidUTF8IsRefused(bytes: [UInt8], kind: OpenInferenceJSONError.Kind, reason: String) {
        let body = Array(#"{"inputs": [], "id": "a"#.utf8) + bytes + (kind == .truncated ? [] : Array(#""}"#.utf8))
        expectRefusal(body, kind, marker: bytes, "id", reason)
    }

    /// Expects `body` refused with `kind` at the first byte of `marker` (the end when it is empty).
    func expectRefusal(
        _ body: [UInt8], _ kind: OpenInferenceJSONError.Kind, marker: [UInt8], _ path: String, _ reason: String
    ) {
        let offset =
            marker.isEmpty
            ? body.count : (0...body.count - marker.count).first { Array(body[$0..<$0 + marker.count]) == marker }
        #expect {
            try InferenceRequestDecoder().decode(body)
        } throws: { error in
            guard let error = error as? OpenInferenceJSONError else { return false }
            let matches =
                error.kind == kind && error.offset == offset && error.path == path
                && error.reason.contains(reason)
            if !matches { Issue.record("expected \(kind) at \(offset ?? -1), got \(error.kind): \(error)") }
            return matches
        }
    }

    @Test func errorsGiveLineAndColumn() {
        #expect {
            try Self.decode(
                "{\"inputs\": [\n  {\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1],\n   \"data\": [NaN]}]}")
        } throws: { error in
            "\(error)".hasPrefix("byte 75 (line 3, column 13): inputs[0].data[0]: NaN is not a JSON number")
        }
    }

    @Test func limitsAreConfigurable() throws {
        let body = #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [4], "data": [1, 2, 3, 4]}]}"#
        _ = try Self.decode(body)
        #expect(throws: OpenInferenceJSONError.self) {
            try Self.decode(body, limits: TensorLimits(maximumTensorBytes: 15))
        }
        #expect(throws: OpenInferenceJSONError.self) {
            try Self.decode(body, limits: TensorLimits(maximumRank: 0))
        }
    }
}
