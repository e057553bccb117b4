import Benchmark
import Inference

/// The request path's JSON cost, on bodies as `tritonclient` writes them
/// (Python's `json.dumps` of float32 values: 17 significant digits, `", "`
/// separators), for the shipped models' input sizes and one larger tensor:
///
/// - `decode`: an infer request into tensors, straight into their bytes.
/// - `encode`: a response with one FP32 output of the same size.
///
/// Allocations per request (`mallocCountTotal`) must stay flat as the tensor
/// grows: one buffer per tensor, one for the response.
///
/// Run: swift package benchmark --target InferenceBenchmarks
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(2)
    )

    for (name, shape) in [
        ("sensor-mlp", [1, 32]), ("classifier", [1, 3, 64, 64]), ("batch of 16 images", [16, 3, 64, 64]),
    ] {
        let body = requestBody(shape: shape)
        let floats = shape.reduce(1, *)
        Benchmark("decode \(name) request, \(floats) FP32, \(body.count) bytes") { benchmark in
            let decoder = InferenceRequestDecoder()
            for _ in benchmark.scaledIterations {
                blackHole(try decoder.decode(body))
            }
        }
        let response = InferenceResponse(
            modelName: name, modelVersion: "fp32",
            outputs: [ResponseOutput(tensor: Tensor(name: "y", shape: shape, floats: values(count: floats)))])
        Benchmark("encode \(name) response, \(floats) FP32") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(response.encoded())
            }
        }
    }
}

/// Floats in [-1, 1) from a fixed seed.
func values(count: Int) -> [Float] {
    var state: UInt64 = 42
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(state >> 40) / Float(1 << 24) * 2 - 1
    }
}

/// `{"inputs": [{"name": "x", "shape": [...], "datatype": "FP32", "data": [...]}]}` as Python writes it.
func requestBody(shape: [Int]) -> [UInt8] {
    let data = values(count: shape.reduce(1, *)).map { Double($0).description }.joined(separator: ", ")
    let dimensions = shape.map(String.init).joined(separator: ", ")
    return Array(
        #"{"inputs": [{"name": "x", "shape": [\#(dimensions)], "datatype": "FP32", "data": [\#(data)]}]}"#.utf8)
}
