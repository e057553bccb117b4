import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import OpenInferenceGRPC
import SwiftProtobuf

/// A closed-loop gRPC load: `streams` concurrent ModelInfer calls on one
/// HTTP/2 connection (as tritonclient and ghz use one), each sending its next
/// request when its answer arrives, for `seconds` after one second of
/// warm-up; prints requests/s, p50 and p99 and the failed calls as one JSON
/// line. The request is one FP32 input of the given shape, with seeded
/// values, encoded once.
///
///     GRPCBenchmark HOST:PORT MODEL INPUT SHAPE STREAMS SECONDS
///     GRPCBenchmark 127.0.0.1:8011 mlp x 1,64 8 8
@main
struct GRPCBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 7, let colon = arguments[1].lastIndex(of: ":"),
            let port = Int(arguments[1][arguments[1].index(after: colon)...]),
            let streams = Int(arguments[5]), streams > 0, let seconds = Double(arguments[6]), seconds > 0
        else {
            FileHandle.standardError.write(
                Data("usage: GRPCBenchmark HOST:PORT MODEL INPUT SHAPE STREAMS SECONDS\n".utf8))
            exit(2)
        }
        let shape = arguments[4].split(separator: ",").compactMap { Int64($0) }
        let request = Self.request(model: arguments[2], input: arguments[3], shape: shape)
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: String(arguments[1][..<colon]), port: port), transportSecurity: .plaintext)
        let result = try await withGRPCClient(transport: transport) { client in
            let service = Inference_GRPCInferenceService.Client(wrapping: client)
            _ = try await service.modelInfer(request)
            return try await Self.measure(service, request: request, streams: streams, seconds: seconds)
        }
        print(result)
    }

    static func request(model: String, input: String, shape: [Int64]) -> Inference_ModelInferRequest {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { Float(($0 * 37) % 101) / 101 }
        return .with {
            $0.modelName = model
            $0.inputs = [
                .with {
                    $0.name = input
                    $0.datatype = "FP32"
                    $0.shape = shape
                }
            ]
            $0.rawInputContents = [values.withUnsafeBytes { Data($0) }]
        }
    }

    static func measure(
        _ service: Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix>,
        request: Inference_ModelInferRequest, streams: Int, seconds: Double
    ) async throws -> String {
        let clock = ContinuousClock()
        let start = clock.now + .seconds(1)
        let end = start + .seconds(seconds)
        let perStream = try await withThrowingTaskGroup(of: ([Duration], Int).self) { group in
            for _ in 0..<streams {
                group.addTask {
                    var latencies: [Duration] = []
                    latencies.reserveCapacity(200_000)
                    var failures = 0
                    while clock.now < end {
                        let sent = clock.now
                        do {
                            _ = try await service.modelInfer(request)
                        } catch {
                            if sent >= start { failures += 1 }
                            continue
                        }
                        if sent >= start { latencies.append(clock.now - sent) }
                    }
                    return (latencies, failures)
                }
            }
            var all: [([Duration], Int)] = []
            for try await stream in group { all.append(stream) }
            return all
        }
        let latencies = perStream.flatMap(\.0).sorted()
        let failures = perStream.map(\.1).reduce(0, +)
        func percentile(_ fraction: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let index = min(latencies.count - 1, Int((Double(latencies.count) * fraction).rounded(.up)) - 1)
            return Double(latencies[max(0, index)].components.attoseconds) / 1e15
                + Double(latencies[max(0, index)].components.seconds) * 1000
        }
        let rate = Double(latencies.count) / seconds
        return String(
            format: #"{"requests_per_s": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "requests": %d, "failed": %d}"#, rate,
            percentile(0.5), percentile(0.99), latencies.count, failures)
    }
}
