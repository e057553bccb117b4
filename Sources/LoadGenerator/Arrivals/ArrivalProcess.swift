/// How the gaps between arrivals are drawn.
public enum ArrivalProcess: String, Sendable, CaseIterable {
    /// Exponential gaps with mean 1/rate: independent arrivals, as from many clients.
    case poisson
    /// Every gap exactly 1/rate.
    case fixed
}
