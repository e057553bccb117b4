import Inference
import Testing

@Suite struct InputCheckTests {
    static let manifest = ModelManifest(
        name: "classifier",
        description: "",
        inputs: [TensorSpec(name: "image", datatype: .fp32, shape: [-1, 3, 2, 2])],
        outputs: [TensorSpec(name: "probabilities", datatype: .fp32, shape: [-1, 10])],
        variants: [],
        placement: PlacementHints(),
        file: "classifier.yaml"
    )

    @Test func matchingInputsPass() throws {
        try Self.manifest.check([Tensor(name: "image", shape: [2, 3, 2, 2], floats: Array(repeating: 0, count: 24))])
    }

    @Test(
        "inputs that do not match the manifest are refused, naming the tensor, the expected and the given",
        arguments: [
            (
                [Tensor(name: "image", datatype: .int64, shape: [1, 3, 2, 2], bytes: Array(repeating: 0, count: 96))],
                "model classifier: input \"image\": datatype INT64, expected FP32"
            ),
            (
                [Tensor(name: "image", shape: [1, 3, 4, 4], floats: Array(repeating: 0, count: 48))],
                "model classifier: input \"image\": shape [1, 3, 4, 4], expected [-1, 3, 2, 2] (-1: any size)"
            ),
            ([], "model classifier: input \"image\" is missing (expected image FP32[-1, 3, 2, 2])"),
            (
                [Tensor(name: "image", datatype: .fp32, shape: [1, 3, 2, 2], bytes: Array(repeating: 0, count: 52))],
                "model classifier: input \"image\": 52 bytes, expected 48 for shape [1, 3, 2, 2] of FP32"
            ),
            (
                [Tensor(name: "photo", shape: [1], floats: [0])],
                "model classifier: \"photo\" is not one of its inputs (image)"
            ),
            (
                [
                    Tensor(name: "image", shape: [1, 3, 2, 2], floats: Array(repeating: 0, count: 12)),
                    Tensor(name: "image", shape: [1, 3, 2, 2], floats: Array(repeating: 0, count: 12)),
                ],
                "model classifier: input \"image\" is given twice"
            ),
        ]
    )
    func mismatchIsRefused(inputs: [Tensor], message: String) {
        #expect {
            try Self.manifest.check(inputs)
        } throws: { error in
            (error as? InferenceError)?.kind == .invalidInput && "\(error)" == message
        }
    }
}
