import Glibc

/// The monotonic clock in nanoseconds (`CLOCK_MONOTONIC`), for round trips.
enum MonotonicTime {
    static func nanoseconds() -> UInt64 {
        var time = timespec()
        // clock_gettime cannot fail for CLOCK_MONOTONIC with a valid pointer.
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
