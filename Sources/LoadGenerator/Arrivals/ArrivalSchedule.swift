import Glibc
import Topology

/// The arrivals of a run, drawn from the seed before and independently of
/// any answer: this is what makes the generator open-loop.
///
/// Each arrival has an intended send time (nanoseconds after the start) and
/// a class. Gaps are exponential with mean 1/rate (Poisson) or exactly
/// 1/rate (fixed); the class is drawn from the shares. The first arrival is
/// at time 0 for fixed spacing and after one gap for Poisson.
public struct ArrivalSchedule: Sequence, IteratorProtocol, Sendable {
    /// One request the generator will send.
    public struct Arrival: Hashable, Sendable {
        /// Its intended send time, in nanoseconds after the run's start.
        public var offset: Int64
        /// The index of its class in the plan's classes.
        public var classIndex: Int
    }

    private var random: SplitMix64
    private let process: ArrivalProcess
    private let meanGap: Double
    private let end: Int64
    private let cumulativeShares: [Double]
    private var sequence: Int64 = 0
    private var clock: Double = 0

    /// The arrivals of `rate` per second over `duration`, in `classes` by their shares.
    public init(
        process: ArrivalProcess, rate: Double, duration: Duration, classes: [TrafficClass], seed: UInt64
    ) {
        random = SplitMix64(seed: seed)
        self.process = process
        meanGap = 1e9 / rate
        end = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        var running = 0.0
        cumulativeShares = classes.map {
            running += $0.share; return running
        }
    }

    /// The next arrival, or nil once the intended time reaches the duration.
    public mutating func next() -> Arrival? {
        let offset: Double
        switch process {
        case .fixed:
            offset = Double(sequence) * meanGap
        case .poisson:
            clock += -meanGap * Glibc.log(random.nextOpenUnit())
            offset = clock
        }
        sequence += 1
        guard offset < Double(end) else { return nil }
        let draw = random.nextOpenUnit() * (cumulativeShares.last ?? 1)
        let classIndex = cumulativeShares.firstIndex { draw < $0 } ?? (cumulativeShares.count - 1)
        return Arrival(offset: Int64(offset), classIndex: classIndex)
    }
}
