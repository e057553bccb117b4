import CONNXRuntime
import Foundation

/// ONNX Runtime's shared library, loaded at run time with `dlopen`, and the
/// process's one ONNX Runtime environment.
///
/// `@unchecked Sendable` is safe: after `init` the API table and the
/// environment are only read, and ONNX Runtime's environment and C API may
/// be used from any thread.
public final class ONNXRuntimeLibrary: @unchecked Sendable {
    /// The file that was loaded.
    public let path: String
    /// ONNX Runtime's version string, e.g. `1.23.2`.
    public let version: String
    let api: UnsafePointer<CEOrtApi>
    let environment: OpaquePointer

    /// Loads the library from the first of: `path`, `$EDGESCHED_ONNXRUNTIME`,
    /// the `onnxruntime` Python package of `python3` (its `capi` folder).
    public static func load(path: String? = nil) throws(InferenceError) -> ONNXRuntimeLibrary {
        let candidates = [path, ProcessInfo.processInfo.environment["EDGESCHED_ONNXRUNTIME"]].compactMap { $0 }.filter {
            !$0.isEmpty
        }
        var tried: [String] = []
        for candidate in candidates + (candidates.isEmpty ? pythonPackageLibraries() : []) {
            tried.append(candidate)
            do {
                return try ONNXRuntimeLibrary(path: candidate)
            } catch {
                if candidate == candidates.first { throw error }
            }
        }
        let looked =
            tried.isEmpty
            ? "no path given, $EDGESCHED_ONNXRUNTIME unset, and python3 has no onnxruntime package"
            : "tried \(tried.joined(separator: ", "))"
        throw InferenceError(.runtimeMissing, "libonnxruntime.so not found (\(looked)); \(fix)")
    }

    /// How to give edgesched the library.
    private static let fix =
        "give --onnxruntime PATH (or $EDGESCHED_ONNXRUNTIME) the path of libonnxruntime.so, "
        + "or install the onnxruntime Python package (pip install onnxruntime), which ships it"

    private init(path: String) throws(InferenceError) {
        var message = [CChar](repeating: 0, count: 1024)
        guard let api = ceort_load(path, &message, message.count) else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw InferenceError(.runtimeMissing, "\(path): cannot load ONNX Runtime: \(text); \(Self.fix)")
        }
        self.path = path
        self.api = api
        version = String(cString: ceort_version())
        var environment: OpaquePointer?
        let status = api.pointee.CreateEnv?(Int32(CEORT_LOGGING_ERROR), "edgesched", &environment)
        if let failure = ORTStatus.message(status, api: api) {
            throw InferenceError(.runtimeMissing, "\(path): ONNX Runtime cannot create its environment: \(failure)")
        }
        guard let environment else {
            throw InferenceError(.runtimeMissing, "\(path): ONNX Runtime gave no environment")
        }
        self.environment = environment
    }

    deinit {
        api.pointee.ReleaseEnv?(environment)
    }

    /// `libonnxruntime.so*` in the `capi` folder of `python3`'s onnxruntime package.
    private static func pythonPackageLibraries() -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import onnxruntime, os; print(os.path.dirname(onnxruntime.__file__))"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        let folder = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) + "/capi"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("libonnxruntime.so") }.sorted().map { folder + "/" + $0 }
    }
}
