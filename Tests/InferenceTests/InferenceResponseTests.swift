import Foundation
import Inference
import Testing

/// The response writer: one buffer, every value written, non-finite floats as Python's json reads them.
@Suite struct InferenceResponseTests {
    @Test func writesNonFiniteFloatsAsTheLiteralsPythonReads() throws {
        let response = InferenceResponse(
            modelName: "m", modelVersion: "fp32",
            outputs: [
                ResponseOutput(tensor: Tensor(name: "y", shape: [4], floats: [.nan, .infinity, -.infinity, 1e38]))
            ]
        )
        let text = String(decoding: response.encoded().bytes, as: UTF8.self)
        #expect(
            text == #"{"model_name":"m","model_version":"fp32","outputs":[{"name":"y","datatype":"FP32","shape":[4],"#
                + #""data":[NaN,Infinity,-Infinity,1e+38]}]}"#)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import json, sys; print(json.load(sys.stdin)['outputs'][0]['data'])"]
        let input = Pipe()
        let output = Pipe()
        python.standardInput = input
        python.standardOutput = output
        try python.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(printed == "[nan, inf, -inf, 1e+38]\n")
    }

    @Test func writesEveryDatatypeAndReadsBackTheSameTensors() throws {
        let tensors = [
            Tensor(name: "b", datatype: .bool, shape: [2], bytes: [1, 0]),
            Tensor(name: "i8", datatype: .int8, shape: [2], bytes: [0x80, 0x7F]),
            Tensor(name: "u16", datatype: .uint16, shape: [1], bytes: [0xFF, 0xFF]),
            Tensor(name: "i64", datatype: .int64, shape: [1], bytes: [0, 0, 0, 0, 0, 0, 0, 0x80]),
            Tensor(name: "f16", datatype: .fp16, shape: [1], bytes: [0x66, 0x2E]),
            Tensor(name: "f32", shape: [2, 1], floats: [0.1, -3.4028235e38]),
            Tensor(
                name: "f64", datatype: .fp64, shape: [1],
                bytes: withUnsafeBytes(of: Double.leastNonzeroMagnitude) { Array($0) }),
        ]
        let request = InferenceRequest(
            id: "a\"b\n", parameters: ["p": .int(-3)], inputs: tensors.map { RequestInput(tensor: $0) })
        let decoded = try InferenceRequestDecoder().decode(request.encodedJSON())
        #expect(decoded == request)
    }

    @Test func binaryOutputsFollowTheJSONWithTheirSize() {
        let tensor = Tensor(name: "y", shape: [2], floats: [1, 2])
        let body = InferenceResponse(
            modelName: "m", modelVersion: "v", id: "7", parameters: ["edgesched_variant": .string("v")],
            outputs: [ResponseOutput(tensor: tensor, binary: true)]
        ).encoded()
        let json = String(decoding: body.bytes[..<body.jsonLength], as: UTF8.self)
        #expect(
            json == #"{"id":"7","model_name":"m","model_version":"v","parameters":{"edgesched_variant":"v"},"#
                + #""outputs":[{"name":"y","datatype":"FP32","shape":[2],"parameters":{"binary_data_size":8}}]}"#)
        #expect(Array(body.bytes[body.jsonLength...]) == tensor.bytes)
        #expect(body.hasBinaryData)
    }
}
