import Foundation
import Messaging

/// The ZeroMQ ingress's overhead beside raw libzmq (issue 13): a no-op model
/// through the agent against a ROUTER that echoes, the same 297-byte request,
/// 1 and 64 in flight, with and without CURVE. `Benchmarks/zeromq/run.sh`
/// runs the whole comparison.
///
/// Usage:
///   ZeroMQBenchmark echo ENDPOINT [--curve-secret-key-file FILE]
///   ZeroMQBenchmark client ENDPOINT --in-flight N --duration D [--warmup D] [--curve-server-key Z85]
///   ZeroMQBenchmark keypair SECRET_FILE      (writes a CURVE secret key, prints its public key)
@main
enum ZeroMQBenchmark {
    static let usage = """
        usage: ZeroMQBenchmark echo ENDPOINT [--curve-secret-key-file FILE]
               ZeroMQBenchmark client ENDPOINT --in-flight N --duration D [--warmup D] [--curve-server-key Z85]
               ZeroMQBenchmark keypair SECRET_FILE
        """

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            guard arguments.count >= 2 else { throw BenchmarkError(usage) }
            let mode = arguments.removeFirst()
            let target = arguments.removeFirst()
            var options = try options(arguments)
            switch mode {
            case "echo":
                let curve = try options.removeValue(forKey: "--curve-secret-key-file").map { path in
                    try CurveKeyPair(secretKey: CurveKey(z85: try secretKey(in: path)))
                }
                try rejectUnknown(options)
                let echo = EchoServer(endpoint: target, curve: curve)
                try echo.run { bound in
                    // Unbuffered, so that run.sh reads the endpoint while the echo runs.
                    let state = "echo: libzmq \(ZeroMQ.version), CURVE \(curve == nil ? "off" : "on")"
                    FileHandle.standardOutput.write(Data("\(state); serving on \(bound)\n".utf8))
                }
            case "client":
                let inFlight = try integer(options.removeValue(forKey: "--in-flight"), "--in-flight")
                guard (1...LoadClient.maximumInFlight).contains(inFlight) else {
                    throw BenchmarkError("--in-flight \(inFlight): give 1 to \(LoadClient.maximumInFlight)")
                }
                let duration = try seconds(options.removeValue(forKey: "--duration"), "--duration")
                let warmup =
                    try options.removeValue(forKey: "--warmup").map { try seconds($0, "--warmup") } ?? .seconds(1)
                let serverKey = try options.removeValue(forKey: "--curve-server-key").map { try CurveKey(z85: $0) }
                try rejectUnknown(options)
                let client = LoadClient(
                    endpoint: target, inFlight: inFlight, duration: duration, warmup: warmup, serverKey: serverKey)
                print(try client.run().summary)
            case "keypair":
                try rejectUnknown(options)
                let pair = try CurveKeyPair.generate()
                try (pair.secretKey.z85 + "\n").write(toFile: target, atomically: true, encoding: .utf8)
                print(pair.publicKey.z85)
            default:
                throw BenchmarkError("\(mode) is not a mode (echo, client, keypair)\n\(usage)")
            }
        } catch {
            FileHandle.standardError.write(Data("ZeroMQBenchmark: \(error)\n".utf8))
            exit(error is BenchmarkError ? 64 : 1)
        }
    }

    /// `--name value` pairs.
    static func options(_ arguments: [String]) throws -> [String: String] {
        guard arguments.count.isMultiple(of: 2) else {
            throw BenchmarkError("\(arguments.last ?? ""): every option takes a value\n\(usage)")
        }
        var options: [String: String] = [:]
        for index in stride(from: 0, to: arguments.count, by: 2) {
            options[arguments[index]] = arguments[index + 1]
        }
        return options
    }

    static func rejectUnknown(_ options: [String: String]) throws {
        guard options.isEmpty else {
            throw BenchmarkError("\(options.keys.sorted().joined(separator: ", ")): not an option here\n\(usage)")
        }
    }

    static func integer(_ text: String?, _ name: String) throws -> Int {
        guard let text, let value = Int(text) else {
            throw BenchmarkError("\(name) \(text ?? "(missing)"): give a whole number\n\(usage)")
        }
        return value
    }

    /// `5s`, `500ms` or `5` (seconds), more than zero and at most an hour.
    static func seconds(_ text: String?, _ name: String) throws -> Duration {
        let text = text ?? ""
        let (number, scale) =
            text.hasSuffix("ms")
            ? (text.dropLast(2), 1e-3) : text.hasSuffix("s") ? (text.dropLast(), 1) : (text[...], 1)
        guard let value = Double(number), value > 0, value * scale <= 3600 else {
            throw BenchmarkError("\(name) \(text.isEmpty ? "(missing)" : text): give a duration such as 5s or 500ms")
        }
        return .nanoseconds(Int64(value * scale * 1e9))
    }

    /// The Z85 secret key in `path`, surrounding whitespace removed.
    static func secretKey(in path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw BenchmarkError("--curve-secret-key-file \(path): \(error.localizedDescription)")
        }
    }
}
