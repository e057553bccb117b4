import CLinux
import Glibc

/// Real arithmetic that takes about a variant's `service_ms`: a product of
/// two 32×32 matrices repeated as often as that takes on this machine's
/// otherwise idle CPU, measured when the variant is loaded
/// (``SyntheticVariant/calibrationRounds``). Its output is a checksum of the
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
    /// The fastest calibration round's CPU time per product (0 without calibration).
    let productNanoseconds: Int64
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
            productNanoseconds = 0
            return
        }
        let rounds = Self.calibrate(left, right)
        repeats = Self.repeats(forMilliseconds: milliseconds, calibratedOn: rounds)
        productNanoseconds = (rounds.min() ?? 0) / Int64(Self.productsPerRound)
    }

    /// `1234 matrix products a run, 1620 ns each`: the calibration, for the load's log line.
    var loadNote: String? {
        "\(repeats) matrix products a run, \(productNanoseconds) ns each"
    }

    /// The calling thread's CPU time for each calibration round, after one
    /// product to warm the caches.
    private static func calibrate(_ left: [Float], _ right: [Float]) -> [Int64] {
        var product = [Float](repeating: 0, count: size * size)
        multiply(left, right, into: &product, seed: 0)
        return (0..<calibrationRounds).map { _ in
            let start = threadCPUNanoseconds()
            for _ in 0..<productsPerRound {
                multiply(left, right, into: &product, seed: product[0] * 0)
            }
            return threadCPUNanoseconds() - start
        }
    }

    /// Calibration rounds at load, each of ``productsPerRound`` products.
    ///
    /// Each round is timed in the loading thread's CPU time
    /// (`CLOCK_THREAD_CPUTIME_ID`), so time the thread spends preempted by
    /// other processes does not count, and the fastest round sets the
    /// repeat count: what is left of disturbance (a cold cache, a busy
    /// hypervisor) only slows rounds down, so the fastest is the nearest to
    /// the product's own cost. On a shared machine the count then stays
    /// the same from run to run, where one wall-clock timing of all rounds
    /// made a worker's capacity vary about twofold.
    static let calibrationRounds = 15
    /// Products per calibration round: long enough for the thread CPU
    /// clock's resolution, short enough that most rounds run undisturbed.
    static let productsPerRound = 8

    /// The repeat count that takes `milliseconds`, from the CPU time of each
    /// calibration round of ``productsPerRound`` products: the fastest round
    /// is the cost of a product; at least one repeat.
    static func repeats(forMilliseconds milliseconds: Double, calibratedOn rounds: [Int64]) -> Int {
        let fastest = rounds.min() ?? 0
        let perProduct = max(1, Double(fastest) / Double(productsPerRound))
        return max(1, Int(milliseconds * 1e6 / perProduct))
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

    /// The CPU time the calling thread has used, in nanoseconds.
    private static func threadCPUNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
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
