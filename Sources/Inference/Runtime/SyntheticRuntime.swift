import CLinux

/// Real arithmetic that takes about a variant's `service_ms`: a product of
/// two 32×32 matrices repeated as often as that takes on this machine,
/// measured when the variant is loaded. Its output is a checksum of the
/// inputs alone (the same on every run and machine, whatever the calibration); it stands in
/// for models in benchmarks and cluster simulation, and says it is synthetic.
/// A `service_ms` of 0 does no arithmetic at all: a no-op model, so that a
/// benchmark measures the agent's own overhead.
public struct SyntheticRuntime: InferenceRuntime {
    /// The longest service time it will be sized to; past that a variant fails to load.
    public let maximumServiceMilliseconds: Double

    /// The synthetic runtime, refusing service times past `maximumServiceMilliseconds`
    /// (by default the catalog's own limit).
    public init(maximumServiceMilliseconds: Double = CatalogLimits().maximumServiceMilliseconds) {
        self.maximumServiceMilliseconds = maximumServiceMilliseconds
    }

    /// Calibrates the variant's work on the calling thread and allocates its matrices there.
    public func load(_ variant: VariantManifest, of model: ModelManifest) throws(InferenceError) -> any LoadedVariant {
        guard variant.runtime == .synthetic else {
            throw InferenceError(
                .loadFailed, "\(model.name)/\(variant.name): runtime \(variant.runtime.rawValue) is not synthetic")
        }
        guard model.outputs.count == 1, model.outputs[0].datatype == .fp64, model.outputs[0].accepts(shape: [1]) else {
            throw InferenceError(
                .loadFailed,
                "\(model.name): a synthetic model has one output, FP64 of shape [1] (the checksum); the manifest says \(model.outputs)"
            )
        }
        let (seconds, attoseconds) = variant.serviceTime.components
        let milliseconds = Double(seconds) * 1e3 + Double(attoseconds) / 1e15
        guard milliseconds >= 0, milliseconds <= maximumServiceMilliseconds else {
            throw InferenceError(
                .loadFailed,
                "\(model.name)/\(variant.name): service time \(milliseconds) ms is outside the synthetic runtime's "
                    + "limit of 0 to \(maximumServiceMilliseconds) ms")
        }
        return SyntheticVariant(milliseconds: milliseconds, outputName: model.outputs[0].name)
    }
}

/// The loaded synthetic variant: its matrices, allocated by the loading
/// thread (so on its node), and the repeat count calibrated at load (0, with
/// no calibration, for a service time of 0).
final class SyntheticVariant: LoadedVariant {
    static let size = 32
    let loadingThreadID: Int32
    let isSynthetic = true
    /// How many matrix products a run does.
    let repeats: Int
    private let outputName: String
    private let left: [Float]
    private let right: [Float]

    init(milliseconds: Double, outputName: String) {
        loadingThreadID = csys_gettid()
        self.outputName = outputName
        let count = Self.size * Self.size
        left = (0..<count).map { Float($0 % 17) / 17 }
        right = (0..<count).map { Float($0 % 13) / 13 }
        guard milliseconds > 0 else {
            repeats = 0
            return
        }
        var product = [Float](repeating: 0, count: count)
        Self.multiply(left, right, into: &product, seed: 0)
        let calibrationRounds: Int64 = 20
        let start = MonotonicClock.nanoseconds()
        for _ in 0..<calibrationRounds {
            Self.multiply(left, right, into: &product, seed: 0)
        }
        let perProduct = max(1, (MonotonicClock.nanoseconds() - start) / calibrationRounds)
        repeats = max(1, Int(milliseconds * 1e6 / Double(perProduct)))
    }

    func run(_ inputs: [Tensor]) throws(InferenceError) -> [Tensor] {
        let seed = inputs.reduce(Float(0)) { sum, tensor in
            sum + Float(tensor.bytes.reduce(0) { $0 &+ UInt32($1) } % 1024)
        }
        guard repeats > 0 else {
            return [Self.checksumTensor(Double(seed), named: outputName)]
        }
        var product = [Float](repeating: 0, count: Self.size * Self.size)
        for _ in 0..<repeats {
            // `product[0] * 0` is 0 for the finite values here, but it makes each
            // repeat depend on the one before, so the compiler cannot drop them;
            // the checksum is that of one product, whatever the repeat count.
            Self.multiply(left, right, into: &product, seed: seed + product[0] * 0)
        }
        return [Self.checksumTensor(Double(product[0]) + Double(product[product.count - 1]), named: outputName)]
    }

    /// The one output: the checksum as FP64 `[1]`. Without repeats it is the
    /// inputs' own sum, the seed the products would start from.
    private static func checksumTensor(_ checksum: Double, named name: String) -> Tensor {
        Tensor(name: name, datatype: .fp64, shape: [1], bytes: withUnsafeBytes(of: checksum) { Array($0) })
    }

    private static func multiply(_ left: [Float], _ right: [Float], into product: inout [Float], seed: Float) {
        let n = size
        for row in 0..<n {
            for column in 0..<n {
                var sum = seed
                for k in 0..<n {
                    sum += left[row * n + k] * right[k * n + column]
                }
                product[row * n + column] = sum
            }
        }
    }
}
