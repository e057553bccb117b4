import CLinux
import CONNXRuntime
import Glibc

/// One ONNX Runtime session.
///
/// `@unchecked Sendable` is safe: every stored property is set in `init` and
/// never changed, and ONNX Runtime allows concurrent `Run` calls on one
/// session; the session is released once, in `deinit`.
final class ONNXRuntimeSession: LoadedVariant, @unchecked Sendable {
    let loadingThreadID: Int32
    let isSynthetic = false
    private let library: ONNXRuntimeLibrary
    private let session: OpaquePointer
    private let memoryInfo: OpaquePointer
    /// The model's inputs and outputs in the session's order.
    private let inputs: [TensorSpec]
    private let outputs: [TensorSpec]
    private let label: String

    init(library: ONNXRuntimeLibrary, path: String, model: ModelManifest, variant: VariantManifest, intraOpThreads: Int)
        throws(InferenceError)
    {
        loadingThreadID = csys_gettid()
        self.library = library
        label = "\(model.name)/\(variant.name) (\(path))"
        let api = library.api
        let call = ORTCall(api: api, context: label, failure: .loadFailed)

        var options: OpaquePointer?
        try call.check(api.pointee.CreateSessionOptions?(&options), "CreateSessionOptions")
        guard let options else { throw InferenceError(.loadFailed, "\(label): no session options") }
        defer { api.pointee.ReleaseSessionOptions?(options) }
        try call.check(api.pointee.SetIntraOpNumThreads?(options, Int32(intraOpThreads)), "SetIntraOpNumThreads")
        try call.check(api.pointee.SetInterOpNumThreads?(options, 1), "SetInterOpNumThreads")
        try call.check(
            api.pointee.SetSessionExecutionMode?(options, Int32(CEORT_EXECUTION_SEQUENTIAL)), "SetSessionExecutionMode")
        try call.check(
            api.pointee.SetSessionGraphOptimizationLevel?(options, Int32(CEORT_OPTIMIZE_ALL)),
            "SetSessionGraphOptimizationLevel")
        try call.check(
            api.pointee.SetSessionLogSeverityLevel?(options, Int32(CEORT_LOGGING_ERROR)), "SetSessionLogSeverityLevel")

        var session: OpaquePointer?
        try call.check(api.pointee.CreateSession?(library.environment, path, options, &session), "CreateSession")
        guard let session else { throw InferenceError(.loadFailed, "\(label): ONNX Runtime gave no session") }
        var memoryInfo: OpaquePointer?
        if let failure = ORTStatus.message(
            api.pointee.CreateCpuMemoryInfo?(Int32(CEORT_ARENA_ALLOCATOR), Int32(CEORT_MEMORY_DEFAULT), &memoryInfo),
            api: api)
        {
            api.pointee.ReleaseSession?(session)
            throw InferenceError(.loadFailed, "\(label): CreateCpuMemoryInfo: \(failure)")
        }
        guard let memoryInfo else {
            api.pointee.ReleaseSession?(session)
            throw InferenceError(.loadFailed, "\(label): ONNX Runtime gave no memory info")
        }
        self.session = session
        self.memoryInfo = memoryInfo
        do {
            let graph = ORTGraph(api: api, session: session, call: call)
            inputs = try Self.matching(
                try graph.tensors(inputs: true), manifest: model.inputs, what: "inputs", label: label)
            outputs = try Self.matching(
                try graph.tensors(inputs: false), manifest: model.outputs, what: "outputs", label: label)
        } catch {
            api.pointee.ReleaseMemoryInfo?(memoryInfo)
            api.pointee.ReleaseSession?(session)
            throw error
        }
    }

    deinit {
        library.api.pointee.ReleaseMemoryInfo?(memoryInfo)
        library.api.pointee.ReleaseSession?(session)
    }

    /// The model's tensors in its own order, checked against the manifest:
    /// the same names, datatypes, and shapes (-1 where the model's is free).
    private static func matching(_ actual: [TensorSpec], manifest: [TensorSpec], what: String, label: String)
        throws(InferenceError) -> [TensorSpec]
    {
        guard Set(actual.map(\.name)) == Set(manifest.map(\.name)) else {
            throw InferenceError(
                .loadFailed,
                "\(label): the model's \(what) are \(actual.map(\.name)), the manifest says \(manifest.map(\.name))"
            )
        }
        for tensor in actual {
            guard let declared = manifest.first(where: { $0.name == tensor.name }) else { continue }
            let shapesAgree =
                tensor.shape.count == declared.shape.count
                && zip(tensor.shape, declared.shape).allSatisfy { model, listed in
                    model == listed || (model == -1 && listed == -1)
                }
            guard tensor.datatype == declared.datatype, shapesAgree else {
                throw InferenceError(
                    .loadFailed,
                    "\(label): the model's \(what) \"\(tensor.name)\" is \(tensor), the manifest says \(declared)")
            }
        }
        return actual
    }

    /// Runs the session on `given`, which ONNX Runtime reads in place: each
    /// input's bytes are handed to it as they are, not copied.
    func run(_ given: [Tensor]) throws(InferenceError) -> [Tensor] {
        var ordered: [Tensor] = []
        for spec in inputs {
            guard let tensor = given.first(where: { $0.name == spec.name }) else {
                throw InferenceError(.invalidInput, "\(label): input \"\(spec.name)\" is missing")
            }
            ordered.append(tensor)
        }
        return try Self.withStorage(of: ordered[...]) { (storage) throws(InferenceError) in
            try run(ordered, storage: storage)
        }
    }

    /// Calls `body` with the storage of every tensor's bytes, valid throughout.
    private static func withStorage<Value>(
        of tensors: ArraySlice<Tensor>, _ storage: [UnsafeRawBufferPointer] = [],
        _ body: ([UnsafeRawBufferPointer]) throws(InferenceError) -> Value
    ) throws(InferenceError) -> Value {
        guard let first = tensors.first else { return try body(storage) }
        let result = first.bytes.withUnsafeBytes { raw in
            Result { () throws(InferenceError) in try withStorage(of: tensors.dropFirst(), storage + [raw], body) }
        }
        return try result.get()
    }

    private func run(_ tensors: [Tensor], storage: [UnsafeRawBufferPointer]) throws(InferenceError) -> [Tensor] {
        let api = library.api
        let call = ORTCall(api: api, context: label, failure: .runFailed)
        var values: [OpaquePointer?] = []
        var spare: UnsafeMutableRawPointer?
        defer {
            for value in values { api.pointee.ReleaseValue?(value) }
            spare?.deallocate()
        }
        for (tensor, raw) in zip(tensors, storage) {
            let data: UnsafeMutableRawPointer
            if let base = raw.baseAddress {
                data = UnsafeMutableRawPointer(mutating: base)
            } else {
                let empty = spare ?? UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 64)
                spare = empty
                data = empty
            }
            var value: OpaquePointer?
            let shape = tensor.shape.map(Int64.init)
            try call.check(
                api.pointee.CreateTensorWithDataAsOrtValue?(
                    memoryInfo, data, raw.count, shape, shape.count, ORTElement.code(of: tensor.datatype), &value
                ),
                "CreateTensorWithDataAsOrtValue"
            )
            values.append(value)
        }
        var outputValues = [OpaquePointer?](repeating: nil, count: outputs.count)
        defer {
            for value in outputValues { api.pointee.ReleaseValue?(value) }
        }
        try withNames(inputs.map(\.name)) { (inputNames) throws(InferenceError) in
            try withNames(outputs.map(\.name)) { (outputNames) throws(InferenceError) in
                try values.withUnsafeBufferPointer { (inputValues) throws(InferenceError) in
                    try call.check(
                        api.pointee.Run?(
                            session, nil, inputNames, inputValues.baseAddress, inputs.count, outputNames, outputs.count,
                            &outputValues
                        ),
                        "Run"
                    )
                }
            }
        }
        return try zip(outputs, outputValues).map { (spec, value) throws(InferenceError) in
            guard let value else { throw InferenceError(.runFailed, "\(label): no value for output \"\(spec.name)\"") }
            return try ORTGraph.tensor(named: spec.name, from: value, call: call)
        }
    }

    private func withNames<Result>(
        _ names: [String], _ body: ([UnsafePointer<CChar>?]) throws(InferenceError) -> Result
    ) throws(InferenceError) -> Result {
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return try body(copies.map { UnsafePointer($0) })
    }
}
