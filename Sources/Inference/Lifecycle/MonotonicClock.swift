import Glibc

/// The monotonic clock, for load and service times and the agent's
/// scheduling instants: one clock, so every duration it reports agrees.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary start (boot), never going back.
    public static func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
